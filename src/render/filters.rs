//! The filters and functions jianbao adds to tera, for Chinese bulletins.
//!
//! - `zh_date`: `2013-11-03` or an RFC 3339 time → `2013年11月3日`.
//! - `truncate_chars(n=40)`: at most `n` characters, then `…`; counts characters,
//!   not bytes or words, so Chinese is cut where a reader expects.
//! - `url(path="tags/")`: a site path as a link under the base URL's path.

use tera::{Kwargs, State, Tera, TeraResult};

use crate::config::BaseUrl;
use crate::markdown::cjk;

/// Adds jianbao's filters and functions to `tera`.
pub fn register(tera: &mut Tera, base: &BaseUrl) {
    tera.register_filter("zh_date", zh_date);
    tera.register_filter("truncate_chars", truncate_chars);
    let base = base.clone();
    tera.register_function("url", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        Ok(base.link(path))
    });
}

fn zh_date(value: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    let date = value.get(..10).unwrap_or(value);
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] => Ok(format!("{y}年{m}月{d}日")),
        _ => Err(tera::Error::message(format!(
            "zh_date: `{value}` is not a date such as 2013-11-03"
        ))),
    }
}

fn truncate_chars(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let n: usize = kwargs.must_get("n")?;
    Ok(cjk::truncate_chars(value, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> String {
        let mut tera = Tera::new();
        register(&mut tera, &BaseUrl::parse("https://e.org/bulletin/").unwrap());
        tera.add_raw_template("t", template).unwrap();
        tera.render("t", &tera::Context::new()).unwrap()
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
}
