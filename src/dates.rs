//! Dates the Chinese way, for pages and the search index alike: a leaf
//! module, so that neither has to reach into the other for them.

use chrono::{DateTime, Datelike, FixedOffset};

/// `2013年11月3日`.
pub fn zh_date(date: &DateTime<FixedOffset>) -> String {
    zh_ymd(date.year(), date.month(), date.day())
}

/// A year, month and day written the Chinese way, without leading zeros:
/// `2013年1月9日`. For dates given as numbers (a template's text).
pub fn zh_ymd(year: impl std::fmt::Display, month: u32, day: u32) -> String {
    format!("{year}年{month}月{day}日")
}

/// `2013-11-03`, as `%Y-%m-%d` writes it: made without reading a format,
/// for every card and sitemap entry of a build.
pub fn iso_date(date: &impl Datelike) -> String {
    match date.year() {
        year @ 0..=9999 => format!("{year:04}-{:02}-{:02}", date.month(), date.day()),
        // chrono writes a sign before other years.
        year if year < 0 => format!("{year:05}-{:02}-{:02}", date.month(), date.day()),
        year => format!("+{year}-{:02}-{:02}", date.month(), date.day()),
    }
}

/// `星期日` … `星期六`.
pub fn zh_weekday(date: &DateTime<FixedOffset>) -> String {
    const DAYS: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];
    format!("星期{}", DAYS[date.weekday().num_days_from_sunday() as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        for text in [
            "2013-11-03",
            "0999-01-09",
            "9999-12-31",
            "-0044-03-15",
            "+12345-06-07",
            "-12345-06-07",
        ] {
            let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect(text);
            assert_eq!(iso_date(&date), date.format("%Y-%m-%d").to_string(), "{text}");
        }
    }

    #[test]
    fn no_leading_zeros_and_the_week_from_sunday() {
        let date = DateTime::parse_from_rfc3339("2013-11-03T08:00:00+08:00").expect("a date");
        assert_eq!(zh_date(&date), "2013年11月3日");
        assert_eq!(zh_weekday(&date), "星期日");
    }
}
