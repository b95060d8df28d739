//! Time stamps for records: RFC 3339 in UTC, from the system clock; calendar dates.
//!
//! `IDP_NOW` (Unix seconds or `YYYY-MM-DD`) fixes "now", for reproducible tests and for
//! replaying a past day (`idp docs freshness` as of a date).

use std::time::{SystemTime, UNIX_EPOCH};

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
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `2026-11-25T22:21:32Z` for a Unix time.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
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
    let d = date.get(..10)?;
    let mut it = d.split('-');
    let (y, m, dd) = (it.next()?, it.next()?, it.next()?);
    if y.len() != 4 || m.len() != 2 || dd.len() != 2 {
        return None;
    }
    let (y, m, dd): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, dd.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    // Howard Hinnant's days-from-civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `2026-11-25T22:21:32Z` (UTC, as [`rfc3339`] writes it; a bare date is midnight) → Unix
/// seconds.
pub fn unix_from_rfc3339(t: &str) -> Option<i64> {
    let days = days_from_date(t)?;
    let rest = t.get(10..).unwrap_or("");
    if rest.is_empty() {
        return Some(days * 86_400);
    }
    let hms = rest.strip_prefix('T')?.strip_suffix('Z')?;
    let mut it = hms.split(':').map(|x| x.parse::<i64>().ok());
    let (h, m, s) = (it.next()??, it.next()??, it.next()??);
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// Days since the epoch → `YYYY-MM-DD`.
pub fn date_from_days(days: i64) -> String {
    rfc3339(days * 86_400)[..10].to_string()
}

// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `30s`, `10m`, `1h30m`, `250ms`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("an empty duration".into());
    }
    if let Ok(secs) = t.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(secs));
    }
    let mut total = std::time::Duration::ZERO;
    let mut rest = t;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(format!(
                "`{text}` is not a duration (like `30s`, `10m`, `1h30m`, `250ms`)"
            ));
        }
        let n: u64 = rest[..digits]
            .parse()
            .map_err(|_| format!("`{text}`: the number is too large"))?;
        rest = &rest[digits..];
        let unit = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let part = match &rest[..unit] {
            "ms" => std::time::Duration::from_millis(n),
            "s" => std::time::Duration::from_secs(n),
            "m" => std::time::Duration::from_secs(n.saturating_mul(60)),
            "h" => std::time::Duration::from_secs(n.saturating_mul(3600)),
            other => {
                return Err(format!(
                    "`{text}`: unknown unit `{other}` (use ms, s, m or h)"
                ));
            }
        };
        total = total.saturating_add(part);
        rest = &rest[unit..];
    }
    Ok(total)
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
    }
}
