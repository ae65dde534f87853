"""The OpenAPI document's shared parts: the problem shape and where it is answered."""

from api.errors import PROBLEM_BASE, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problem

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem: what went wrong, in words a person can read.",
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Identifies the kind of problem."},
        "title": {"type": "string", "description": "The HTTP status in words."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What went wrong in this request."},
        "errors": {
            "type": "array",
            "description": "For a 400: one entry per field or query parameter that is wrong.",
            "items": {
                "type": "object",
                "properties": {
                    "field": {
                        "type": "string",
                        "nullable": True,
                        "description": "The field or parameter; null for the whole request.",
                    },
                    "message": {"type": "string"},
                },
                "required": ["field", "message"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}

EXAMPLES = {
    400: problem(
        400, "Choose time, moves or salary.", errors=[{"field": "by", "message": "Choose time, moves or salary."}]
    ),
    401: problem(401, "Authentication credentials were not provided."),
    403: problem(403, "This token can only read. Make a read-write token to change things."),
    404: problem(404, "No such plan."),
    409: problem(
        409,
        "This step was changed since you read it (it is now at version 3). "
        "Read it again, then send your change with that version.",
    ),
    429: problem(429, "Request was throttled. Expected available in 42 seconds."),
}

DESCRIPTIONS = {
    400: "The request is not valid: see `errors` for each field or parameter.",
    401: "No valid login or token (a token that is mistyped or revoked).",
    403: "Logged in, but not allowed: for example a read-only token asked to write.",
    404: "Not found, or not yours: the two look the same.",
    429: "Too many requests from this person or address; `Retry-After` says when to try again.",
}

# Only a step's update can conflict: it is the one write that names the version it was read at.
CONFLICT_DESCRIPTION = "The step was saved since the `version` you sent, with other values: read it again."


def add_problem_responses(result, generator, request, public):
    """Document the problem responses every operation can answer, with an example each."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = dict(DESCRIPTIONS)
            if method == "patch" and "/steps/" in path:
                codes[409] = CONFLICT_DESCRIPTION
            for code, description in codes.items():
                responses.setdefault(
                    str(code),
                    {
                        "description": description,
                        "content": {
                            PROBLEM_CONTENT_TYPE: {
                                "schema": reference,
                                "examples": {PROBLEM_TYPES[code]: {"value": EXAMPLES[code]}},
                            }
                        },
                    },
                )
    return result


__all__ = ["PROBLEM_BASE", "add_problem_responses"]
