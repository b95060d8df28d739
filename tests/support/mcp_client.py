"""A real MCP client (the Python `mcp` SDK) driving `idp mcp` over stdio, for tests/it/mcp.rs.

Reads a scenario as JSON on stdin:

    {"command": "/path/to/idp", "args": ["mcp"], "cwd": "...", "env": {...}, "mode": "auto",
     "steps": [{"op": "call", "tool": "status", "arguments": {...}},
               {"op": "read", "uri": "idp://graph"},
               {"op": "prompt", "name": "...", "arguments": {...}}]}

connects (`mode` "auto", the default: protocol negotiation as the SDK does it, `server/discover`,
else `initialize`; "legacy": the `initialize` handshake of pre-2026 clients), lists
the tools, every page of the resources, the resource templates and the prompts, runs the steps,
and prints one JSON object: the negotiated protocol version, the server's capabilities, the
lists, and a result per step. Each `call` step also says whether its arguments are valid
against the tool's input schema (`jsonschema`, which `mcp` depends on).
"""

import asyncio
import json
import sys

import jsonschema
from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError


def dump(model):
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


async def main(scenario):
    params = StdioServerParameters(
        command=scenario["command"],
        args=scenario.get("args", ["mcp"]),
        cwd=scenario.get("cwd"),
        env=scenario.get("env"),
    )
    out = {"steps": []}
    mode = scenario.get("mode", "auto")
    async with Client(params, mode=mode, read_timeout_seconds=120) as client:
        out["protocol_version"] = client.protocol_version
        out["server_info"] = dump(client.server_info) if client.server_info else None
        out["capabilities"] = dump(client.server_capabilities)
        tools = (await client.list_tools()).tools
        out["tools"] = [dump(t) for t in tools]
        schemas = {t.name: t.input_schema for t in tools}
        # Every input schema is a valid JSON Schema (2020-12) that refuses an unknown argument.
        out["schema_problems"] = {
            name: problem for name, schema in schemas.items()
            if (problem := schema_problem(schema))
        }
        resources, cursor, pages = [], None, 0
        while True:
            page = await client.list_resources(cursor=cursor) if cursor else await client.list_resources()
            pages += 1
            resources += [dump(r) for r in page.resources]
            cursor = page.next_cursor
            if not cursor:
                break
        out["resources"] = resources
        out["resource_pages"] = pages
        out["resource_templates"] = [
            dump(t) for t in (await client.list_resource_templates()).resource_templates
        ]
        out["prompts"] = [dump(p) for p in (await client.list_prompts()).prompts]
        for step in scenario.get("steps", []):
            out["steps"].append(await run_step(client, schemas, step))
    return out


async def run_step(client, schemas, step):
    op = step["op"]
    try:
        if op == "call":
            args = step.get("arguments", {})
            result = {"schema_valid": schema_valid(schemas.get(step["tool"]), args)}
            r = await client.call_tool(step["tool"], args)
            result.update(dump(r))
            return result
        if op == "read":
            return dump(await client.read_resource(step["uri"]))
        if op == "prompt":
            return dump(await client.get_prompt(step["name"], step.get("arguments")))
        raise ValueError(f"unknown op {op}")
    except MCPError as e:
        return {"protocol_error": {"code": e.error.code, "message": e.error.message}}


def schema_problem(schema):
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        return f"not a valid schema: {e.message}"
    if schema_valid(schema, {"no_such_argument": True}) is True:
        return "takes an unknown argument"
    return None


def schema_valid(schema, args):
    if schema is None:
        return None
    try:
        jsonschema.validate(args, schema)
        return True
    except jsonschema.ValidationError as e:
        return e.message


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(json.load(sys.stdin))), indent=1))
