"""The OpenAPI document, built from the route table and each view's ``@api`` metadata."""

from __future__ import annotations

import re
from typing import Any

from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute

from peerhub.http import ApiMeta

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}


def _schema(model: Any, defs: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, sub in schema.pop("$defs", {}).items():
        defs[name] = sub
    defs[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def iter_api_routes(routes: list[BaseRoute]) -> list[tuple[str, str, ApiMeta | None]]:
    """(method, path, meta) for every HTTP route; meta is None when undocumented."""
    found: list[tuple[str, str, ApiMeta | None]] = []
    for route in routes:
        if isinstance(route, Route):
            meta = getattr(route.endpoint, "api_meta", None)
            for method in sorted((route.methods or set()) - {"HEAD"}):
                found.append((method, route.path, meta))
        elif isinstance(route, Mount) and route.routes:
            found.extend((m, route.path + p, meta) for m, p, meta in iter_api_routes(list(route.routes)))
    return found


def build_openapi(routes: list[BaseRoute]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    defs: dict[str, Any] = {"Error": ERROR_SCHEMA}
    for method, path, meta in iter_api_routes(routes):
        if meta is None:
            continue
        op: dict[str, Any] = {
            "summary": meta.summary,
            "operationId": f"{method.lower()}_{re.sub(r'[^a-z0-9]+', '_', path.lower()).strip('_')}",
            "x-auth": meta.auth,
            "responses": {
                "default": {
                    "description": "error",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
            },
        }
        params = [
            {"name": name, "in": "path", "required": True,
             "schema": {"type": "integer" if kind == "int" else "string"}}
            for name, kind in re.findall(r"{(\w+)(?::(\w+))?}", path)
        ]
        params += [{"name": q, "in": "query", "required": False, "schema": {"type": "string"}} for q in meta.query]
        if params:
            op["parameters"] = params
        if meta.body is not None:
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _schema(meta.body, defs)}},
            }
        success: dict[str, Any] = {"description": "success"}
        if meta.response is not None:
            success["content"] = {"application/json": {"schema": _schema(meta.response, defs)}}
        op["responses"][str(meta.status)] = success
        clean = re.sub(r"{(\w+):\w+}", r"{\1}", path)
        paths.setdefault(clean, {})[method.lower()] = op
    websockets = [r.path for r in routes if isinstance(r, WebSocketRoute)]
    return {
        "openapi": "3.1.0",
        "info": {"title": "peerhub", "version": "1", "description": "See docs/protocol.md for the WebSocket protocol."},
        "paths": paths,
        "components": {
            "schemas": defs,
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "peerhub_session"}},
        },
        "x-websockets": websockets,
    }
