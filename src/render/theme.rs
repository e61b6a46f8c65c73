//! Finding a theme's templates and static files.
//!
//! A theme is `themes/<name>/` with `templates/`, `static/` and an optional
//! `theme.yaml` of default `extra:` values. The default theme is also built
//! into the binary, so a site without a themes/ folder builds. A site's own
//! `templates/` override the theme's by name, its `static/` files are copied
//! over the theme's, and its site.yaml `extra:` overrides the theme's
//! defaults key by key. docs/themes.md is the theme author's guide.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;
use walkdir::WalkDir;

use crate::error::{Area, Diagnostic, Diagnostics, io_error};
use crate::msg;

static BUILTIN_DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the theme built into jianbao.
pub const BUILTIN_NAME: &str = "default";

/// The file of a theme's own settings, beside its templates/ and static/.
pub const THEME_FILE: &str = "theme.yaml";

/// The keys theme.yaml may have.
const THEME_KEYS: &[&str] = &["extra"];

/// theme.yaml as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThemeConfig {
    #[serde(default)]
    extra: serde_yaml::Mapping,
}

/// A template's text and where it came from, for error messages.
#[derive(Clone, Debug)]
pub struct TemplateSource {
    /// The name templates refer to it by: `article.html`, `partials/card.html`.
    pub name: String,
    /// Shown in errors: `themes/default/templates/article.html`, or `(built-in default theme)/…`.
    pub path: PathBuf,
    pub text: String,
}

/// A static file to publish.
#[derive(Clone, Debug)]
pub enum StaticSource {
    Builtin(&'static [u8]),
    Disk(PathBuf),
}

impl StaticSource {
    /// The file's bytes: borrowed for the built-in theme's, read for the others.
    pub fn read(&self) -> Result<std::borrow::Cow<'static, [u8]>, Diagnostic> {
        match self {
            StaticSource::Builtin(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            StaticSource::Disk(path) => std::fs::read(path)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| io_error(path, msg!("io-read"), &e)),
        }
    }
}

/// A theme ready to use: templates by name and static files by output path.
#[derive(Clone, Debug)]
pub struct Theme {
    pub name: String,
    pub templates: BTreeMap<String, TemplateSource>,
    pub static_files: BTreeMap<String, StaticSource>,
    /// The theme's default `extra:` values, from its theme.yaml.
    pub extra: serde_yaml::Mapping,
}

impl Theme {
    /// The `extra` values templates see as `site.extra`: the theme's defaults,
    /// each top-level key replaced by the site's value where site.yaml sets it.
    pub fn merged_extra(&self, site_extra: &serde_yaml::Mapping) -> serde_yaml::Mapping {
        let mut merged = self.extra.clone();
        for (key, value) in site_extra {
            merged.insert(key.clone(), value.clone());
        }
        merged
    }
}

/// Loads the theme `name` for the site at `root`, with the site's overrides.
pub fn load_theme(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut theme = Theme {
        name: name.to_string(),
        templates: BTreeMap::new(),
        static_files: BTreeMap::new(),
        extra: serde_yaml::Mapping::new(),
    };
    let folder = root.join("themes").join(name);
    if folder.is_dir() {
        let shown = PathBuf::from("themes").join(name);
        read_templates(
            &folder.join("templates"),
            &shown.join("templates"),
            &mut theme.templates,
            &mut problems,
        );
        read_static(
            &folder.join("static"),
            &shown.join("static"),
            &mut theme.static_files,
            &mut problems,
        );
        let config = folder.join(THEME_FILE);
        if config.is_file() {
            let shown = shown.join(THEME_FILE);
            match std::fs::read_to_string(&config) {
                Ok(text) => match parse_theme_config(&text, &shown) {
                    Ok(extra) => theme.extra = extra,
                    Err(d) => problems.push(d),
                },
                Err(e) => problems.push(io_error(&shown, msg!("theme-io-read-settings"), &e)),
            }
        }
    } else if name == BUILTIN_NAME {
        load_builtin(&mut theme, &mut problems);
    } else {
        let d = Diagnostic::error(
            Area::Config,
            "site.yaml",
            crate::yaml::key_line_in_file(&root.join(crate::config::CONFIG_FILE), "theme"),
            1,
            msg!("theme-missing", name = name),
        )
        .with_hint(msg!("theme-missing-hint", name = name));
        problems.push(d);
    }
    read_templates(
        &root.join("templates"),
        Path::new("templates"),
        &mut theme.templates,
        &mut problems,
    );
    read_static(
        &root.join("static"),
        Path::new("static"),
        &mut theme.static_files,
        &mut problems,
    );
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(theme)
    }
}

/// The theme built into jianbao, as it is, with no site overriding it.
pub fn builtin_theme() -> Result<Theme, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut theme = Theme {
        name: BUILTIN_NAME.to_string(),
        templates: BTreeMap::new(),
        static_files: BTreeMap::new(),
        extra: serde_yaml::Mapping::new(),
    };
    load_builtin(&mut theme, &mut problems);
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(theme)
    }
}

/// Reads theme.yaml: its `extra:` defaults, or a diagnostic at the line that is wrong.
fn parse_theme_config(text: &str, shown: &Path) -> Result<serde_yaml::Mapping, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Ok(serde_yaml::Mapping::new());
    }
    let example = |key: &str| (key == "extra").then_some("extra: { motto: 服务基层 }");
    match crate::yaml::parse::<RawThemeConfig>(&text, THEME_KEYS, example) {
        Ok(raw) => Ok(raw.extra),
        Err(p) => {
            let mut d = Diagnostic::error(Area::Config, shown, p.line, p.column, p.message);
            d.hint = p.hint;
            Err(d)
        }
    }
}

fn load_builtin(theme: &mut Theme, problems: &mut Diagnostics) {
    let shown = Path::new("(built-in default theme)");
    for file in all_files(&BUILTIN_DEFAULT) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if path == THEME_FILE {
            let text = String::from_utf8_lossy(file.contents());
            match parse_theme_config(&text, &shown.join(THEME_FILE)) {
                Ok(extra) => theme.extra = extra,
                Err(d) => problems.push(d),
            }
        } else if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            theme.templates.insert(
                name.to_string(),
                TemplateSource {
                    name: name.to_string(),
                    path: shown.join(&path),
                    text,
                },
            );
        } else if let Some(rel) = path.strip_prefix("static/") {
            theme
                .static_files
                .insert(rel.to_string(), StaticSource::Builtin(file.contents()));
        }
    }
}

/// Every file of the theme built into jianbao, as (path inside the theme, bytes),
/// sorted: what `jianbao theme export` writes out for a site to change.
pub fn builtin_files() -> Vec<(String, &'static [u8])> {
    let mut files: Vec<(String, &'static [u8])> = all_files(&BUILTIN_DEFAULT)
        .into_iter()
        .map(|f| (f.path().to_string_lossy().replace('\\', "/"), f.contents()))
        .collect();
    files.sort();
    files
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<&include_dir::File<'_>> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(all_files(sub));
    }
    out
}

/// Every regular file under `dir`, as (path relative to `dir`, full path); symbolic
/// links are refused, so that a theme or static folder cannot publish files from
/// elsewhere on the machine.
fn files_under(dir: &Path, shown: &Path, problems: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .and_then(|p| p.strip_prefix(dir).ok())
                    .map_or(shown.to_path_buf(), |rel| shown.join(rel));
                problems.push(match e.io_error() {
                    Some(io) => io_error(&at, msg!("io-read"), io),
                    None => Diagnostic::error(Area::Io, shown, 0, 0, msg!("theme-unreadable", error = e.to_string())),
                });
                continue;
            }
        };
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_symlink() {
            let d = Diagnostic::error(Area::Config, shown.join(&rel), 0, 0, msg!("theme-symlink"))
                .with_hint(msg!("theme-symlink-hint"));
            problems.push(d);
        } else if entry.file_type().is_file() && !rel.split('/').any(|p| p.starts_with('.')) {
            out.push((rel, entry.path().to_path_buf()));
        }
    }
    out
}

fn read_templates(dir: &Path, shown: &Path, into: &mut BTreeMap<String, TemplateSource>, problems: &mut Diagnostics) {
    for (name, path) in files_under(dir, shown, problems) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                into.insert(
                    name.clone(),
                    TemplateSource {
                        path: shown.join(&name),
                        name,
                        text,
                    },
                );
            }
            Err(e) => problems.push(io_error(&shown.join(&name), msg!("theme-io-read-template"), &e)),
        }
    }
}

fn read_static(dir: &Path, shown: &Path, into: &mut BTreeMap<String, StaticSource>, problems: &mut Diagnostics) {
    for (rel, path) in files_under(dir, shown, problems) {
        into.insert(rel, StaticSource::Disk(path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_that_is_not_there_is_told_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: x\ntheme: plain\n").unwrap();
        let problems = load_theme(dir.path(), "plain").unwrap_err();
        let shown: Vec<_> = problems.iter().map(|d| d.render(crate::i18n::Lang::Zh)).collect();
        assert_eq!(
            shown,
            [
                "site.yaml:2:1: 错误：没有名为 `plain` 的主题\n  提示：把主题放在 themes/plain/ 文件夹里，或写 `theme: default` 使用内置主题"
            ]
        );
    }

    #[test]
    fn builtin_theme_has_every_page_template() {
        let dir = tempfile::tempdir().unwrap();
        let theme = load_theme(dir.path(), "default").unwrap();
        for name in crate::plan::templates::ALL {
            assert!(theme.templates.contains_key(name), "{name}");
        }
        assert!(theme.static_files.keys().any(|k| k.ends_with(".css")));
    }

    #[test]
    fn site_templates_override_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "mine").unwrap();
        let theme = load_theme(dir.path(), "default").unwrap();
        assert_eq!(theme.templates["404.html"].text, "mine");
        assert_eq!(theme.templates["404.html"].path, Path::new("templates/404.html"));
    }

    #[test]
    fn unknown_theme_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_theme(dir.path(), "nosuch").unwrap_err();
        assert!(
            err.iter()
                .next()
                .unwrap()
                .message
                .to_string()
                .contains("no theme `nosuch`")
        );
    }

    #[test]
    fn theme_yaml_gives_extra_defaults_that_the_site_overrides_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("themes/mine");
        std::fs::create_dir_all(folder.join("templates")).unwrap();
        std::fs::write(folder.join("theme.yaml"), "extra:\n  motto: 服务基层\n  columns: 2\n").unwrap();
        let theme = load_theme(dir.path(), "mine").unwrap();
        let site: serde_yaml::Mapping = serde_yaml::from_str("columns: 3\nnew_key: x").unwrap();
        let merged = theme.merged_extra(&site);
        let get = |k: &str| merged.get(k).cloned().unwrap();
        assert_eq!(get("motto"), serde_yaml::Value::from("服务基层"));
        assert_eq!(get("columns"), serde_yaml::Value::from(3));
        assert_eq!(get("new_key"), serde_yaml::Value::from("x"));
    }

    #[test]
    fn theme_yaml_errors_name_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("themes/mine");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("theme.yaml"), "# settings\nextras: {}\n").unwrap();
        let err = load_theme(dir.path(), "mine").unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!(d.path, Path::new("themes/mine/theme.yaml"));
        assert_eq!(d.line, 2);
        assert!(d.message.to_string().contains("unknown key `extras`"), "{}", d.message);
        assert!(
            d.hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                .unwrap_or("")
                .contains("extra"),
            "{:?}",
            d.hint
        );
    }
}
