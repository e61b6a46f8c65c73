//! The filters and functions jianbao adds to tera, for Chinese bulletins.
//!
//! - `zh_date`: `2013-11-03` or an RFC 3339 time → `2013年11月3日`.
//! - `truncate_chars(n=40)`: at most `n` characters, then `…`; counts characters,
//!   not bytes or words, so Chinese is cut where a reader expects.
//! - `url(path="tags/")`: a site path as a link under the base URL's path.
//! - `asset(path="style.css")`: the link to a stylesheet, script or font under
//!   its content-hashed name (`/style.3f9a1c2b.css`), for caching forever.

use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult};

use crate::config::BaseUrl;
use crate::markdown::cjk;
use crate::msg;
use crate::render::assets::{AssetNames, HASHED_EXTENSIONS};

/// Adds jianbao's filters and functions to `tera`.
pub fn register(tera: &mut Tera, base: &BaseUrl, assets: &Arc<AssetNames>) {
    tera.register_filter("zh_date", zh_date);
    tera.register_filter("truncate_chars", truncate_chars);
    let url_base = base.clone();
    tera.register_function("url", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        Ok(url_base.link(path))
    });
    let base = base.clone();
    let assets = Arc::clone(assets);
    tera.register_function("asset", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        asset(&base, &assets, path).map_err(tera::Error::message)
    });
}

/// The link to the hashed copy of the static file `path`. Its error becomes
/// tera's text, which is carried as it is: so it is put into words here, in
/// the language of the run.
fn asset(base: &BaseUrl, assets: &AssetNames, path: &str) -> Result<String, String> {
    let key = path.trim_start_matches('/');
    if let Some(hashed) = assets.hashed.get(key) {
        return Ok(base.link(hashed));
    }
    if assets.others.contains(key) {
        return Err(msg!(
            "theme-asset-not-hashed",
            path = path,
            extensions = HASHED_EXTENSIONS.to_vec(),
            key = key
        )
        .to_string());
    }
    let known = assets.hashed.keys().chain(&assets.others);
    let near = known
        .map(|k| (strsim::levenshtein(k, key), k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k);
    Err(match near {
        Some(near) => msg!("theme-asset-missing-near", path = path, near = near),
        None => msg!("theme-asset-missing", path = path),
    }
    .to_string())
}

fn zh_date(value: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    let date = value.get(..10).unwrap_or(value);
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] => Ok(crate::dates::zh_ymd(y, *m, *d)),
        _ => Err(tera::Error::message(
            msg!("theme-zh-date-invalid", value = value).to_string(),
        )),
    }
}

fn truncate_chars(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let n: usize = kwargs.must_get("n")?;
    Ok(cjk::truncate_chars(value, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn try_render(template: &str) -> Result<String, String> {
        let mut tera = Tera::new();
        let mut names = AssetNames::default();
        names.hashed.insert("style.css".into(), "style.0123abcd.css".into());
        names.others.insert("logo.png".into());
        register(
            &mut tera,
            &BaseUrl::parse("https://e.org/bulletin/").unwrap(),
            &Arc::new(names),
        );
        tera.add_raw_template("t", template).unwrap();
        tera.render("t", &tera::Context::new()).map_err(|e| {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                text.push_str(&format!(": {s}"));
                source = s.source();
            }
            text
        })
    }

    fn render(template: &str) -> String {
        try_render(template).unwrap()
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(render("{{ '2013-11-03T00:00:00+08:00' | zh_date }}"), "2013年11月3日");
        assert_eq!(render("{{ '2013-01-09' | zh_date }}"), "2013年1月9日");
    }

    #[test]
    fn truncates_characters() {
        assert_eq!(render("{{ '支部书记谈组团服务' | truncate_chars(n=4) }}"), "支部书记…");
    }

    #[test]
    fn url_function_honours_the_base_path() {
        assert_eq!(render("{{ url(path='tags/') }}"), "/bulletin/tags/");
    }

    #[test]
    fn asset_function_gives_the_hashed_name_under_the_base_path() {
        assert_eq!(render("{{ asset(path='style.css') }}"), "/bulletin/style.0123abcd.css");
        assert_eq!(render("{{ asset(path='/style.css') }}"), "/bulletin/style.0123abcd.css");
        let err = try_render("{{ asset(path='logo.png') }}").unwrap_err();
        assert!(err.contains("url(path=\"logo.png\")"), "{err}");
        let err = try_render("{{ asset(path='syle.css') }}").unwrap_err();
        assert!(err.contains("did you mean `style.css`?"), "{err}");
    }
}
