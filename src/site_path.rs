//! Paths inside a site (`2013/11/a.md`, `tags/xiao-fang/`): joined and
//! normalised the way links resolve, refusing any that climb out.

/// `a/./b/../c` → `a/c`, with no leading or trailing `/`; `None` when `..`
/// climbs above the top. Links, `.md` references and stylesheet `url()`s all
/// resolve through here, so that they agree on what leaves the site.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// A link written in the file `from` (both site paths): relative to `from`'s
/// folder, or to the top when it starts with `/`.
pub fn resolve(from: &str, link: &str) -> Option<String> {
    if link.starts_with('/') {
        return normalize(link);
    }
    match from.rsplit_once('/') {
        Some((dir, _)) => normalize(&format!("{dir}/{link}")),
        None => normalize(link),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_and_refuses_escapes() {
        assert_eq!(normalize("a/./b/../c/").as_deref(), Some("a/c"));
        assert_eq!(normalize("../x"), None);
        assert_eq!(resolve("2013/11/a.md", "b.md").as_deref(), Some("2013/11/b.md"));
        assert_eq!(resolve("2013/11/a.md", "../10/c.md").as_deref(), Some("2013/10/c.md"));
        assert_eq!(resolve("2013/11/a.md", "/2012/x.md").as_deref(), Some("2012/x.md"));
        assert_eq!(resolve("a.md", "../../etc/x.md"), None);
    }
}
