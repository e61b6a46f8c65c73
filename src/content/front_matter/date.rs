//! Dates in front matter: the forms `date:` may be written in, read in the
//! site's offset, and what to say about a date that is not one or that is
//! written another way (2013年11月3日).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::i18n::Message;
use crate::msg;

/// Reads `2013-11-03`, `2013-11-03 09:30`, `2013-11-03T09:30:00` (in the site's
/// offset) or a full RFC 3339 time, and says why anything else is not a date.
///
/// A time with its own offset is moved into the site's: the same instant, but
/// on the day and in the month a reader there lives it, which is what the
/// page shows and what `/yyyy/mm/` in its URL means. `2013-11-30T23:30:00Z` is
/// 2013年12月1日 in Shanghai.
pub fn parse_date(text: &str, offset: FixedOffset) -> Result<DateTime<FixedOffset>, Message> {
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Ok(d.with_timezone(&offset));
    }
    let naive = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.and_time(NaiveTime::MIN))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"));
    match naive {
        Ok(n) => offset
            .from_local_datetime(&n)
            .single()
            .ok_or_else(|| msg!("fm-bad-time", text = text)),
        Err(_) => Err(explain_bad_date(text)),
    }
}

/// Says what is wrong with a date that looks like one: 2013-02-30 has a day
/// that February does not.
fn explain_bad_date(text: &str) -> Message {
    let parts: Vec<&str> = text.get(..10).unwrap_or(text).split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
    {
        if !(1..=12).contains(&m) {
            return msg!("fm-no-such-month", text = text, month = m);
        }
        let days = days_in_month(y, m);
        if d == 0 || d > days {
            return msg!("fm-no-such-day", text = text, year = y, month = m, days = days);
        }
    }
    msg!("fm-not-a-date", text = text)
}

/// The day a date written another way means: 2013年11月3日, 2013/11/03 or
/// 2013.11.3, the year first, as Chinese writes dates; `None` for anything else.
pub(super) fn written_otherwise(text: &str) -> Option<NaiveDate> {
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let separators_only = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '/' | '.' | '-' | ' ' | '／' | '．'));
    match numbers.as_slice() {
        [y, m, d] if y.len() == 4 && separators_only => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (next, NaiveDate::from_ymd_opt(year, month, 1)) {
        (Some(n), Some(this)) => u32::try_from((n - this).num_days()).unwrap_or(31),
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_forms() {
        let o = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(
            parse_date("2013-11-03 09:30", o).unwrap().to_rfc3339(),
            "2013-11-03T09:30:00+08:00"
        );
        assert_eq!(
            parse_date("2013-11-03T09:30:00Z", o).unwrap().to_rfc3339(),
            "2013-11-03T17:30:00+08:00"
        );
    }

    #[test]
    fn a_foreign_offset_lands_on_the_site_s_day() {
        let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
        let cases = [
            // Across a month end and a year end, either way.
            ("2013-11-30T23:30:00+00:00", "2013-12-01T07:30:00+08:00"),
            ("2013-12-31T20:00:00-05:00", "2014-01-01T09:00:00+08:00"),
            ("2014-01-01T06:00:00+09:00", "2014-01-01T05:00:00+08:00"),
            ("2014-01-01T01:00:00+10:00", "2013-12-31T23:00:00+08:00"),
            ("2013-11-03T09:30:00+08:00", "2013-11-03T09:30:00+08:00"),
        ];
        for (written, seen) in cases {
            let date = parse_date(written, shanghai).unwrap();
            assert_eq!(date.to_rfc3339(), seen, "{written}");
            // The instant itself never moves.
            assert_eq!(date, DateTime::parse_from_rfc3339(written).unwrap());
        }
    }
}
