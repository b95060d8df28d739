//! YAML 1.2 core-schema scalar resolution (plain `true` is a bool, `"true"` a string) and the
//! inverse: rendering a JSON value inline so that it reads back as the same value.

use granit_parser::{ScalarStyle, Tag};
use serde_json::{Number, Value};

/// Resolve a scalar's text to a value, honouring its style and an explicit core tag.
pub(super) fn resolve(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag {
        return match tag.core_suffix() {
            Some("str") => Ok(Value::String(text.to_string())),
            Some("null") => Ok(Value::Null),
            Some("bool") | Some("int") | Some("float") => match resolve_plain(text) {
                Value::String(_) => Err(format!("`{text}` is not a valid !!{}", tag.suffix())),
                v => Ok(v),
            },
            Some(_) => Ok(Value::String(text.to_string())),
            None => Err(format!(
                "unsupported YAML tag `{}{}`",
                tag.original_handle(),
                tag.suffix()
            )),
        };
    }
    if style == ScalarStyle::Plain {
        Ok(resolve_plain(text))
    } else {
        Ok(Value::String(text.to_string()))
    }
}

/// What a plain (unquoted) scalar means under the YAML 1.2 core schema.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = parse_int(text) {
        return Value::Number(n.into());
    }
    if is_float(text)
        && let Ok(f) = text.parse::<f64>()
        && let Some(n) = Number::from_f64(f)
    {
        return Value::Number(n);
    }
    Value::String(text.to_string())
}

fn parse_int(text: &str) -> Option<i64> {
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    None
}

fn is_float(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exp_ok = match exp {
        Some(e) => {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && digits(e)
        }
        None => true,
    };
    mantissa_ok && exp_ok && (frac.is_some() || exp.is_some())
}

/// Can `s` be written as a plain scalar and still read back as this string?
fn plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    matches!(resolve_plain(s), Value::String(_))
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control())
}

/// Render a value inline (flow style) so that it reads back as the same value.
pub fn render_inline(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if plain_safe(s) => s.clone(),
        Value::String(s) => double_quoted(s),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(render_inline)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", render_key(k), render_inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn render_key(k: &str) -> String {
    if plain_safe(k) {
        k.to_string()
    } else {
        double_quoted(k)
    }
}

/// A JSON string literal is a valid YAML double-quoted scalar.
pub(super) fn double_quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// A YAML single-quoted scalar.
pub(super) fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_core_schema() {
        assert_eq!(resolve_plain("true"), Value::Bool(true));
        assert_eq!(resolve_plain("yes"), Value::String("yes".into()));
        assert_eq!(resolve_plain("012"), Value::Number(12.into()));
        assert_eq!(resolve_plain("1.5"), serde_json::json!(1.5));
        assert_eq!(resolve_plain("1.2.3"), Value::String("1.2.3".into()));
        assert_eq!(resolve_plain("~"), Value::Null);
    }

    #[test]
    fn renders_round_trip() {
        for v in [
            serde_json::json!("true"),
            serde_json::json!("a: b"),
            serde_json::json!("plain"),
            serde_json::json!("111111111111"),
            serde_json::json!(["a", 1, null]),
            serde_json::json!({"k": "v"}),
        ] {
            let text = render_inline(&v);
            let back = crate::yaml::parse(&format!("x: {text}\n")).unwrap();
            assert_eq!(back.value["x"], v, "{text}");
        }
    }
}
