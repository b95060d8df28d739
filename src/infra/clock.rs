//! Time stamps for records: RFC 3339 in UTC, from the system clock; calendar dates.
//!
//! `IDP_NOW` (Unix seconds or `YYYY-MM-DD`) fixes "now", for reproducible tests and for
//! replaying a past day (`idp docs freshness` as of a date).

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Seconds since the Unix epoch (or `IDP_NOW`).
pub fn unix_now() -> i64 {
    if let Ok(v) = std::env::var("IDP_NOW") {
        if let Ok(secs) = v.trim().parse::<i64>() {
            return secs;
        }
        if let Some(days) = days_from_date(v.trim()) {
            return days * 86_400;
        }
    }
    Timestamp::now().as_second()
}

/// The instant `secs` after the epoch, held to the range jiff represents (years -9999..=9999).
fn timestamp(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap_or(if secs < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// `2026-11-25T22:21:32Z` for a Unix time.
pub fn rfc3339(secs: i64) -> String {
    // Whole seconds: jiff writes no fraction for them.
    timestamp(secs).to_string()
}

/// The current time as RFC 3339.
pub fn now() -> String {
    rfc3339(unix_now())
}

/// Today, as days since the epoch.
pub fn today() -> i64 {
    unix_now().div_euclid(86_400)
}

/// `YYYY-MM-DD` (a longer RFC 3339 time is cut to its date) → days since the epoch.
pub fn days_from_date(date: &str) -> Option<i64> {
    let date: Date = date.get(..10)?.parse().ok()?;
    let midnight = TimeZone::UTC
        .to_timestamp(date.to_datetime(Time::midnight()))
        .ok()?;
    Some(midnight.as_second().div_euclid(86_400))
}

/// `2026-11-25T22:21:32Z` (UTC, as [`rfc3339`] writes it; a bare date is midnight) → Unix
/// seconds. A time must say its offset (`Z` or `+02:00`); one without is refused.
pub fn unix_from_rfc3339(t: &str) -> Option<i64> {
    if t.len() == 10 {
        return days_from_date(t).map(|d| d * 86_400);
    }
    t.parse::<Timestamp>().ok().map(|ts| ts.as_second())
}

/// Days since the epoch → `YYYY-MM-DD`.
pub fn date_from_days(days: i64) -> String {
    TimeZone::UTC
        .to_datetime(timestamp(days.saturating_mul(86_400)))
        .date()
        .to_string()
}

/// `30s`, `10m`, `1h30m`, `250ms` (jiff's friendly format), or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("an empty duration".into());
    }
    if let Ok(secs) = t.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(secs));
    }
    let d: SignedDuration = t.parse().map_err(|e| {
        format!("`{text}` is not a duration (like `30s`, `10m`, `1h30m`, `250ms`): {e}")
    })?;
    std::time::Duration::try_from(d).map_err(|_| format!("`{text}`: a duration cannot be negative"))
}

/// `850ms`, `42s`, `3m12s`, `1h05m`.
pub fn format_duration(secs: f64) -> String {
    if secs < 1.0 {
        return format!("{}ms", (secs * 1000.0).round() as u64);
    }
    let s = secs.round() as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_rfc3339() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_645_292), "2026-11-25T22:21:32Z");
    }

    #[test]
    fn dates_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2026-11-26", "2028-01-01"] {
            let days = super::days_from_date(d).unwrap();
            assert_eq!(super::date_from_days(days), d);
        }
        assert_eq!(
            super::days_from_date("2026-11-26"),
            Some(1_795_645_292 / 86_400 + 1)
        );
        assert_eq!(super::days_from_date("2026-13-01"), None);
        assert_eq!(
            super::unix_from_rfc3339("2026-11-25T22:21:32Z"),
            Some(1_795_645_292)
        );
        assert_eq!(super::unix_from_rfc3339("2026-11-25T22:21"), None);
        assert_eq!(super::days_from_date("soon"), None);
        assert_eq!(super::days_from_date("2026-02-30"), None);
        assert_eq!(
            super::unix_from_rfc3339("2026-11-26T00:21:32+02:00"),
            Some(1_795_645_292)
        );
        assert_eq!(super::unix_from_rfc3339("2026-11-26"), Some(1_795_651_200));
    }
}
