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

/// `星期日` … `星期六`.
pub fn zh_weekday(date: &DateTime<FixedOffset>) -> String {
    const DAYS: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];
    format!("星期{}", DAYS[date.weekday().num_days_from_sunday() as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_leading_zeros_and_the_week_from_sunday() {
        let date = DateTime::parse_from_rfc3339("2013-11-03T08:00:00+08:00").expect("a date");
        assert_eq!(zh_date(&date), "2013年11月3日");
        assert_eq!(zh_weekday(&date), "星期日");
    }
}
