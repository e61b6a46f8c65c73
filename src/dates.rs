//! Dates the Chinese way, for pages and the search index alike: a leaf
//! module, so that neither has to reach into the other for them.

use chrono::{DateTime, Datelike, FixedOffset};

/// `2013年11月3日`.
pub fn zh_date(date: &DateTime<FixedOffset>) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
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
