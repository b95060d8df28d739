//! The Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then one line
//! per sample with escaped label values. No timestamps: the Pushgateway refuses them.

use std::fmt::Write as _;

use super::Family;

/// The content type of [`render`]'s output.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Families as exposition text; a family without samples is left out.
pub fn render(families: &[Family]) -> String {
    let mut out = String::new();
    for f in families.iter().filter(|f| !f.samples.is_empty()) {
        let _ = writeln!(out, "# HELP {} {}", f.name, escape_help(f.help));
        let _ = writeln!(out, "# TYPE {} {}", f.name, f.kind);
        for s in &f.samples {
            out.push_str(&s.name);
            if !s.labels.is_empty() {
                out.push('{');
                let pairs: Vec<String> = s
                    .labels
                    .iter()
                    .map(|(k, v)| format!("{k}=\"{}\"", escape_label(v)))
                    .collect();
                out.push_str(&pairs.join(","));
                out.push('}');
            }
            let _ = writeln!(out, " {}", number(s.value));
        }
    }
    out
}

/// A number as Prometheus writes it: integers without a fraction.
pub fn number(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn escape_label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn escape_help(v: &str) -> String {
    v.replace('\\', "\\\\").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{Labels, Sample};

    #[test]
    fn renders_escaped_samples() {
        let mut labels = Labels::new();
        labels.insert("env".into(), "d\"e\\v".into());
        let f = Family {
            name: "idp_pipeline_runs_total",
            kind: "counter",
            help: "Runs.",
            samples: vec![Sample {
                name: "idp_pipeline_runs_total".into(),
                labels,
                value: 3.0,
            }],
        };
        assert_eq!(
            render(&[f]),
            "# HELP idp_pipeline_runs_total Runs.\n# TYPE idp_pipeline_runs_total counter\n\
             idp_pipeline_runs_total{env=\"d\\\"e\\\\v\"} 3\n"
        );
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(f64::INFINITY), "+Inf");
    }
}
