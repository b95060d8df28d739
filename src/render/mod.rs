//! Rendering templates with minijinja. Templates come from the platform repo when it holds a
//! file at the same path (`templates/…`), else from the binary. Each render is sandboxed: the
//! environment has no loader, so a template cannot read files; values are written with the
//! `yaml` filter so that they read back as the same values.

use minijinja::{Environment, UndefinedBehavior, Value as JValue};
use serde::Serialize;

use crate::platform::{Source, assets};

fn yaml_filter(value: JValue) -> Result<String, minijinja::Error> {
    let json: serde_json::Value = serde_json::to_value(&value).map_err(|e| {
        minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
    })?;
    Ok(crate::yaml::render_inline(&json))
}

/// Render the template at `path` (e.g. `templates/environment.yaml.j2`) with `context`.
pub fn render<S: Serialize>(source: &dyn Source, path: &str, context: S) -> anyhow::Result<String> {
    let text = assets::resolve(source, path)?
        .ok_or_else(|| anyhow::anyhow!("template `{path}` not found"))?;
    render_str(path, &text, context)
}

/// Render template text; `name` is used in error messages.
pub fn render_str<S: Serialize>(name: &str, text: &str, context: S) -> anyhow::Result<String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()?,
    );
    env.add_filter("yaml", yaml_filter);
    env.add_template(name, text)
        .map_err(|e| anyhow::anyhow!("template `{name}`: {e}"))?;
    let tmpl = env.get_template(name)?;
    tmpl.render(minijinja::value::Serde(&context))
        .map_err(|e| anyhow::anyhow!("rendering `{name}`: {e:#}"))
}
