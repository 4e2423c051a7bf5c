"""wire_schema: checks documents against the repository's JSON Schemas (wire-schema/ at the root) with
the jsonschema package (Debian: python3-jsonschema). The test console uses it on every audit batch
and heartbeat the defender sends and on every resolve reply it hands out.

The schemas leave audits and heartbeats open (the services ignore unknown fields); the defender
writes exactly the contract's fields, so its audit batches and heartbeats are checked with every
object closed: a misspelt or extra field is a violation too."""

import copy
import json
import os

import jsonschema

SCHEMAS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                       "wire-schema")


def _load(name):
    with open(os.path.join(SCHEMAS, name)) as f:
        return json.load(f)


def _closed(schema):
    """`schema` with additionalProperties false on every object that declares properties and
    does not say otherwise."""
    schema = copy.deepcopy(schema)

    def close(node):
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node and "type" in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


def _validator(schema, store):
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    try:  # jsonschema >= 4.18
        from referencing import Registry, Resource
        registry = Registry().with_resources((uri, Resource.from_contents(s)) for uri, s in store.items())
        return cls(schema, registry=registry)
    except ImportError:  # Debian bookworm's 4.10
        return cls(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store))


_SCHEMAS = {name: _load(name) for name in ("rule.schema.json", "resolve-reply.schema.json",
                                           "audit-batch.schema.json", "heartbeat.schema.json")}
_STORE = {s["$id"]: s for s in _SCHEMAS.values()}
VALIDATORS = {
    "resolve-reply": _validator(_SCHEMAS["resolve-reply.schema.json"], _STORE),
    "audit-batch": _validator(_closed(_SCHEMAS["audit-batch.schema.json"]), _STORE),
    "heartbeat": _validator(_closed(_SCHEMAS["heartbeat.schema.json"]), _STORE),
}


def violations(document_kind, document):
    """One line per way `document` breaks the schema `document_kind` (resolve-reply, audit-batch,
    heartbeat), naming the field: e.g. "audit-batch [0].process.command: 'x' is too long"."""
    out = []
    for e in sorted(VALIDATORS[document_kind].iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        while e.context:  # anyOf (a rule or null): the error deepest in the document says what is wrong
            e = max(e.context, key=lambda c: len(c.absolute_path))
        path = "".join("[%d]" % p if isinstance(p, int) else "." + p for p in e.absolute_path).lstrip(".")
        out.append("%s %s: %s" % (document_kind, path or "(document)", e.message[:300]))
    return out
