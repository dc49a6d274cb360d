"""The served OpenAPI schema tells the truth about errors too (issue "Trust" 5).

Every operation can answer, besides its documented success:
- 400 with field errors (``{"field": ["message"]}``) or ``{"detail": …}`` when it takes
  input (a body, or query parameters such as filters and page numbers);
- 401 without credentials, 403 when the role may not take the step (a message), 404
  for an object outside the caller's scope or a page past the end (haikou_exec.errors);
- 409 for a conflicting repeat (an idempotency key reused for different content,
  a decision already taken otherwise), 429 when throttled.
drf-spectacular documents only the success; this post-processing hook adds the rest
with one shared error body, so a client (and schemathesis) can rely on the schema.
"""

from __future__ import annotations

ERROR = {
    "type": "object",
    "description": "错误说明",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "additionalProperties": True,
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "字段错误：字段名 → 错误信息列表；或 detail",
    "additionalProperties": True,
}
MESSAGES = {
    "400": ("ValidationError", "输入有误（字段错误）"),
    "401": ("Error", "未登录或令牌无效、已过期"),
    "403": ("Error", "无权执行此操作"),
    "404": ("Error", "不存在，或不在您的查看范围内"),
    "409": ("Error", "与已提交的内容冲突"),
    "429": ("Error", "请求过于频繁"),
}


def add_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR)
    components.setdefault("ValidationError", VALIDATION_ERROR)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, (schema, description) in MESSAGES.items():
                if status not in responses:
                    responses[status] = {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{schema}"}
                            }
                        },
                    }
    return result


def allow_empty_query_choices(result, generator, request, public):
    """A choice filter in a query string may be sent empty: django-filter (and DRF's
    ordering) read ``?case_type=`` as "any", which is what a list page's "全部" sends.
    The schema says so, so that a client or a fuzzer does not take the empty value
    for one the API should refuse."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                enum = schema.get("enum")
                if parameter.get("in") == "query" and enum and "" not in enum:
                    schema["enum"] = [*enum, ""]
    return result
