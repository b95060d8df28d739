//! The rmcp handler of `idp mcp`, written by hand (the tool list is generated, so rmcp's
//! `#[tool]` macros do not fit): capabilities tools, resources and prompts; tool calls run the
//! CLI ([`super::run`]) on the blocking pool.

use std::collections::BTreeMap;
use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, GetPromptRequestParams,
    GetPromptResponse, GetPromptResult, Implementation, ListPromptsResult,
    ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    Prompt, PromptArgument, PromptMessage, ReadResourceRequestParams, ReadResourceResponse,
    ReadResourceResult, Resource, ResourceContents, ResourceTemplate, Role, ServerCapabilities,
    ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::Value;

use super::resources::{self, ResourceError};
use super::{Settings, prompts::PROMPTS};

#[derive(Clone)]
pub struct IdpServer {
    settings: Arc<Settings>,
}

/// Serve on stdin/stdout until the client goes away.
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let server = IdpServer {
        settings: Arc::new(settings),
    };
    let running = server.serve(rmcp::transport::stdio()).await?;
    running.waiting().await?;
    Ok(())
}

const INSTRUCTIONS: &str = "idp runs an internal developer platform through git. Read tools \
(status, history, graph_why, pr_list, …) return what `idp <command> -o json` prints. Change \
tools (new_app, provision_*, promote, rollback, adr_new, env_add) return a plan and diff and \
write nothing unless called with `apply: true`; then they commit and open a pull request under \
the caller's identity and roles, exactly as the CLI. A refused call is an error result with the \
CLI's findings (file:line, field, rule). Resources: idp://adr/…, idp://runbook/…, \
idp://catalog/<kind>/<name>, idp://schema/requests/<kind>, idp://environment/<name>, idp://graph.";

/// Send SIGTERM to a tool run that has not been reaped yet.
fn stop(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: a plain syscall on our own child, which its waiting task has not reaped.
        unsafe { libc::kill(pid, libc::SIGTERM) };
    }
}

fn resource_error(e: ResourceError) -> ErrorData {
    match e {
        ResourceError::NotFound(_) => ErrorData::resource_not_found(e.to_string(), None),
        ResourceError::Cursor(_) => ErrorData::invalid_params(e.to_string(), None),
        ResourceError::Read(e) => ErrorData::internal_error(format!("{e:#}"), None),
    }
}

impl ServerHandler for IdpServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(Implementation::new("idp", env!("CARGO_PKG_VERSION")))
        .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let tools = self
            .settings
            .tools
            .iter()
            .map(|t| {
                // Reads say so; a change may write (with `apply`), so it keeps the defaults.
                Tool::new(
                    t.name.clone(),
                    t.description.clone(),
                    Arc::new(t.input_schema()),
                )
                .with_title(format!("idp {}", t.command.join(" ")))
                .with_annotations(ToolAnnotations::new().read_only(!t.change))
            })
            .collect();
        Ok(ListToolsResult::with_all_items(tools))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let Some(tool) = self
            .settings
            .tools
            .iter()
            .find(|t| t.name == request.name)
            .cloned()
        else {
            return Err(ErrorData::invalid_params(
                format!("no tool `{}` (see tools/list)", request.name),
                None,
            ));
        };
        let args = request.arguments.unwrap_or_default();
        let outcome = match super::start(&self.settings, &tool, &args) {
            Err(refused) => refused,
            Ok(started) => {
                let pid = started.child.id();
                let mut wait = tokio::task::spawn_blocking(move || super::finish(started));
                match context.ct.run_until_cancelled(&mut wait).await {
                    Some(done) => done.map_err(|e| {
                        ErrorData::internal_error(format!("the tool run failed: {e}"), None)
                    })?,
                    None => {
                        // The client cancelled: stop the run as Ctrl-C would (the CLI stops
                        // cleanly on SIGTERM); the blocking task still reaps it.
                        if !wait.is_finished() {
                            stop(pid);
                        }
                        return Err(ErrorData::internal_error("cancelled", None));
                    }
                }
            }
        };
        let content = outcome.text.into_iter().map(ContentBlock::text).collect();
        let mut result = if outcome.is_error {
            CallToolResult::error(content)
        } else {
            CallToolResult::success(content)
        };
        result.structured_content = Some(outcome.structured);
        Ok(result.into())
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let root = self.settings.root.clone();
        let entries = tokio::task::spawn_blocking(move || resources::index(&root))
            .await
            .map_err(|e| ErrorData::internal_error(e.to_string(), None))?
            .map_err(|e| resource_error(e.into()))?;
        let cursor = request.and_then(|r| r.cursor);
        let (page, next) = resources::page(entries, cursor.as_deref()).map_err(resource_error)?;
        let mut result = ListResourcesResult::with_all_items(
            page.into_iter()
                .map(|e| {
                    Resource::new(e.uri, e.name)
                        .with_title(e.title)
                        .with_mime_type(e.mime)
                })
                .collect(),
        );
        result.next_cursor = next;
        Ok(result)
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        let templates = [
            (
                "idp://adr/{id}",
                "adr",
                "An ADR by id (ADR-0001)",
                "text/markdown",
            ),
            (
                "idp://runbook/{id}",
                "runbook",
                "A runbook by id (RB-0001)",
                "text/markdown",
            ),
            (
                "idp://catalog/{kind}/{name}",
                "catalog",
                "A Backstage entity under catalog/ (kind in lowercase)",
                "application/json",
            ),
            (
                "idp://schema/requests/{kind}",
                "request-schema",
                "The JSON Schema of a request kind (s3, rds, …)",
                "application/schema+json",
            ),
            (
                "idp://environment/{name}",
                "environment",
                "An environment file",
                "application/yaml",
            ),
        ]
        .into_iter()
        .map(|(uri, name, description, mime)| {
            ResourceTemplate::new(uri, name)
                .with_description(description)
                .with_mime_type(mime)
        })
        .collect();
        Ok(ListResourceTemplatesResult::with_all_items(templates))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let root = self.settings.root.clone();
        let uri = request.uri.clone();
        let (text, mime) = tokio::task::spawn_blocking(move || resources::read(&root, &uri))
            .await
            .map_err(|e| ErrorData::internal_error(e.to_string(), None))?
            .map_err(resource_error)?;
        Ok(ReadResourceResult::new(vec![
            ResourceContents::text(text, request.uri).with_mime_type(mime),
        ])
        .into())
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        let prompts = PROMPTS
            .iter()
            .map(|p| {
                let args = p
                    .arguments
                    .iter()
                    .map(|(name, description, missing)| {
                        PromptArgument::new(*name)
                            .with_description(*description)
                            .with_required(missing.is_none())
                    })
                    .collect();
                Prompt::new(p.name, Some(p.description), Some(args))
            })
            .collect();
        Ok(ListPromptsResult::with_all_items(prompts))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        let Some(prompt) = PROMPTS.iter().find(|p| p.name == request.name) else {
            return Err(ErrorData::invalid_params(
                format!("no prompt `{}` (see prompts/list)", request.name),
                None,
            ));
        };
        let args: BTreeMap<String, String> = request
            .arguments
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect();
        let text = prompt
            .render(&args)
            .map_err(|e| ErrorData::invalid_params(e, None))?;
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
                .with_description(prompt.description)
                .into(),
        )
    }
}
