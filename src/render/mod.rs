//! Rendering templates with minijinja. Templates come from the platform repo when it holds a
//! file at the same path (`templates/…`), else from the binary. Each render is sandboxed: the
//! environment has no loader, so a template cannot read files. Every value is escaped for the
//! language of the file being rendered ([`escape`]); the `yaml` filter writes a value as a
//! YAML literal that reads back as the same value.

pub mod escape;

use minijinja::{Environment, UndefinedBehavior, Value as JValue};
use serde::Serialize;

use crate::platform::{Source, assets};

fn yaml_filter(value: JValue) -> Result<JValue, minijinja::Error> {
    let json: serde_json::Value = serde_json::to_value(&value).map_err(|e| {
        minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
    })?;
    Ok(JValue::from_safe_string(crate::yaml::render_inline(&json)))
}

/// A sandboxed environment as every renderer uses it: strict undefined values, trailing
/// newlines kept, values auto-escaped by the template's file type, the `yaml` filter.
pub fn environment<'s>() -> anyhow::Result<Environment<'s>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()?,
    );
    env.set_auto_escape_callback(escape::auto_escape);
    env.set_formatter(escape::format);
    env.add_filter("yaml", yaml_filter);
    Ok(env)
}

/// A render error as the user should see it: a value the escaping refused, or a field the
/// template needs and the input lacks (`env.region` is undefined), is bad input (exit 2).
pub fn error(what: String, e: &minijinja::Error) -> anyhow::Error {
    let text = format!("{what}: {e:#}");
    if text.contains(escape::REFUSED) || e.kind() == minijinja::ErrorKind::UndefinedError {
        crate::error::IdpError::usage(text)
    } else {
        anyhow::anyhow!(text)
    }
}

/// Render the template at `path` (e.g. `templates/environment.yaml.j2`) with `context`.
pub fn render<S: Serialize>(source: &dyn Source, path: &str, context: S) -> anyhow::Result<String> {
    let text = assets::resolve(source, path)?
        .ok_or_else(|| anyhow::anyhow!("template `{path}` not found"))?;
    render_str(path, &text, context)
}

/// Render template text; `name` is used in error messages.
pub fn render_str<S: Serialize>(name: &str, text: &str, context: S) -> anyhow::Result<String> {
    let mut env = environment()?;
    env.add_template(name, text)
        .map_err(|e| anyhow::anyhow!("template `{name}`: {e}"))?;
    let tmpl = env.get_template(name)?;
    tmpl.render(minijinja::value::Serde(&context))
        .map_err(|e| error(format!("rendering `{name}`"), &e))
}
