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
    429: problem(429, "Request was throttled. Expected available in 42 seconds."),
}

DESCRIPTIONS = {
    400: "The request is not valid: see `errors` for each field or parameter.",
    401: "No valid login or token (a token that is mistyped or revoked).",
    403: "Logged in, but not allowed: for example a read-only token asked to write.",
    404: "Not found, or not yours: the two look the same.",
    429: "Too many requests from this person or address; `Retry-After` says when to try again.",
}


def add_problem_responses(result, generator, request, public):
    """Document the problem responses every operation can answer, with an example each."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in DESCRIPTIONS.items():
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
