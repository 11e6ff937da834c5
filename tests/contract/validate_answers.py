#!/usr/bin/env python3
"""Every answer the HTTP tests received, checked against docs/api/openapi.yaml.

The HTTP tests append each answer they receive to the file named by
XUEJI_RECORD_ANSWERS (tests/http/http_client.h), one NDJSON line
{method, target, status, content_type, body}. This script maps each line to
its operation by path template and method, picks the documented response by
status (`default` only where one is documented), and validates a JSON body
against the response's schema with a JSON Schema 2020-12 validator (the
dialect of OpenAPI 3.1), $refs resolved inside the document. An answer to a
path no operation has, with a status its operation does not document, or
with a body its schema refuses, is a failure: the document cannot drift from
the server unnoticed.

    validate_answers.py [--spec FILE] RECORDS          check every answer
    validate_answers.py [--spec FILE] --self-test RECORDS

--self-test takes real recorded answers, breaks them (a required field
dropped, a field of the wrong type, a property no schema has, a status or a
path the document does not have) and fails unless validation refuses every
broken one: a validator that accepts anything proves nothing.

Needs only Debian 12's python3-yaml and python3-jsonschema (4.10: the
Draft202012Validator; no `referencing` package).
"""

import argparse
import collections
import copy
import json
import os
import re
import sys

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SPEC = os.path.join(HERE, "..", "..", "docs", "api", "openapi.yaml")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


class Contract:
    """The operations of an OpenAPI 3.1 document and validators for their answers."""

    def __init__(self, spec_path):
        with open(spec_path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        if not str(self.doc.get("openapi", "")).startswith("3.1"):
            raise SystemExit(f"{spec_path}: not an OpenAPI 3.1 document")
        self.components = self.doc.get("components", {})
        self.templates = []
        for path, item in self.doc.get("paths", {}).items():
            pattern = "^" + "".join(
                "[^/]+" if re.fullmatch(r"\{[^}]+\}", part) else re.escape(part)
                for part in re.split(r"(\{[^}]+\})", path)) + "$"
            literal = sum(1 for seg in path.split("/") if seg and not seg.startswith("{"))
            self.templates.append((re.compile(pattern), literal, path, item))
        # The most literal template first: /v1/students/by-resident-id/{x}
        # before anything that would take by-resident-id as a parameter.
        self.templates.sort(key=lambda t: -t[1])
        self._validators = {}

    def resolve(self, node):
        """`node` with a local $ref followed (siblings such as a description override)."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"not a local $ref: {ref}")
            target = self.doc
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = dict(target)
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            node = merged
            seen += 1
        return node

    def operation(self, method, target):
        """(path template, operation) for a request; None where there is none."""
        path = target.split("?", 1)[0]
        for regex, _, template, item in self.templates:
            if regex.match(path):
                op = item.get(method.lower())
                if op is not None:
                    return template, op
        return None

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in self._validators:
            # The schema inside a root that carries the document's
            # components, so that '#/components/schemas/...' resolves.
            root = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                    "allOf": [schema], "components": self.components}
            jsonschema.Draft202012Validator.check_schema(root)
            self._validators[key] = jsonschema.Draft202012Validator(root)
        return self._validators[key]

    def response_schema(self, op, status, content_type):
        """(schema or None, failure or None) for an answer of `op`."""
        responses = op.get("responses", {})
        response = responses.get(str(status))
        if response is None:
            response = responses.get("default")
        if response is None:
            return None, f"status {status} is not documented (documented: {', '.join(sorted(responses))})"
        response = self.resolve(response)
        content = response.get("content")
        if not content:
            return None, f"status {status} is documented without content, so its body has no schema"
        media = content.get(content_type)
        if media is None:
            base = content_type.split(";", 1)[0].strip()
            for name, each in content.items():
                if name.split(";", 1)[0].strip() == base:
                    media = each
                    break
        if media is None:
            return None, f"content type {content_type!r} is not documented (documented: {', '.join(content)})"
        if media.get("schema") is None:
            return None, f"status {status} as {content_type!r} is documented without a schema"
        return media["schema"], None

    def locate(self, record):
        """(operation key, schema or None, failure or None) of a recorded answer."""
        method, target, status = record.get("method", ""), record.get("target", ""), record.get("status")
        path = target.split("?", 1)[0]
        found = self.operation(method, target)
        # The server's refusals before routing (x-xueji-before-routing)
        # stand for any method and path, where no operation has a response
        # of that status of its own.
        before = {"responses": self.doc.get("x-xueji-before-routing", {})}
        if found is not None and str(status) in found[1].get("responses", {}):
            key, op = f"{method.upper()} {found[0]}", found[1]
        elif str(status) in before["responses"]:
            key, op = "(before routing)", before
        elif found is None:
            return None, None, f"no operation {method} {path} in the document"
        else:
            key, op = f"{method.upper()} {found[0]}", found[1]
        schema, failure = self.response_schema(op, status, record.get("content_type", ""))
        if failure and op is before and found is None:
            failure = f"no operation {method} {path} in the document, and {failure}"
        return key, schema, failure

    def check(self, record):
        """The failures of one recorded answer (empty when it conforms), and its operation's key."""
        key, schema, failure = self.locate(record)
        if failure:
            return [failure], key
        body = record.get("body")
        if "json" in record.get("content_type", "") and isinstance(body, str):
            return ["the body is not JSON: " + body[:200]], key
        errors = sorted(self.validator(schema).iter_errors(body), key=lambda e: list(e.absolute_path))
        failures = [f"{'/'.join(str(p) for p in e.absolute_path) or '(body)'}: {e.message}" for e in errors]
        if failures and key == "(before routing)":
            path = record.get("target", "").split("?", 1)[0]
            found = self.operation(record.get("method", ""), path)
            where = (f"{record.get('method', '').upper()} {found[0]} documents no status {record.get('status')}"
                     if found else f"no operation {record.get('method')} {path} in the document")
            failures = [f"{where}, and it is no refusal before routing: {f}" for f in failures]
        return failures, key

    def documented(self):
        """Every (operation key, status) the document lists."""
        out = []
        for _, _, template, item in self.templates:
            for method in METHODS:
                if method in item:
                    for status in item[method].get("responses", {}):
                        out.append((f"{method.upper()} {template}", str(status)))
        return sorted(out)


def read_records(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise SystemExit(f"{path}:{number}: not a JSON line: {e}")
    return records


CJK = re.compile(r"[\u4e00-\u9fff]")
# Three English words in a row: a detail the catalogue left in the
# engine's words (adapters/http/detail_patterns.cc), or a part of one.
ENGLISH_PHRASE = re.compile(r"\b[a-z]{2,}\s[a-z]{2,}\s[a-z]{2,}\b")


def language_failures(record):
    """A problem answered in Chinese (Content-Language: zh-CN) reads in
    Chinese: its title and detail hold Chinese and no English phrase."""
    if not record.get("content_type", "").startswith("application/problem+json"):
        return []
    if record.get("content_language") != "zh-CN" or not isinstance(record.get("body"), dict):
        return []
    out = []
    for field in ("title", "detail"):
        text = record["body"].get(field, "")
        if not CJK.search(text) or ENGLISH_PHRASE.search(text):
            out.append(f"{field} is not in Chinese: {text!r}")
    return out


def validate_all(contract, records):
    failures = 0
    untranslated = 0
    per_operation = collections.Counter()
    statuses_seen = set()
    for record in records:
        problems, key = contract.check(record)
        language = language_failures(record)
        if language:
            untranslated += 1
            problems = problems + language
        if key:
            statuses_seen.add((key, str(record.get("status"))))
        if problems:
            failures += 1
            for problem in problems:
                print(f"FAIL {record.get('method')} {record.get('target')} -> {record.get('status')}: {problem}")
        else:
            per_operation[key] += 1
    print(f"\n{len(records) - failures} of {len(records)} answers conform; per operation:")
    for key, n in sorted(per_operation.items()):
        print(f"  {n:6d}  {key}")
    unseen = [(k, s) for k, s in contract.documented() if (k, s) not in statuses_seen]
    print(f"\ndocumented but never answered in the tests ({len(unseen)}):")
    for key, status in unseen:
        print(f"  {status}  {key}")
    if untranslated:
        print(f"\n{untranslated} problems answered as zh-CN are not in Chinese")
    if failures:
        print(f"\n{failures} answers do not conform to the document (or to their language)")
    return failures == 0


def required_of(contract, schema):
    """The required properties of `schema` at its top level (through $ref and allOf)."""
    schema = contract.resolve(schema)
    required = list(schema.get("required", []))
    for part in schema.get("allOf", []):
        required += required_of(contract, part)
    return required


def wrong_type(value):
    if isinstance(value, bool):
        return "not a boolean"
    if isinstance(value, (int, float)):
        return "not a number"
    if isinstance(value, str):
        return 12345
    return "not a list or an object" if value is not None else 1


def self_test(contract, records):
    """Breaks conforming answers in ways the document must refuse; True when it refuses them all."""
    chosen = {}
    for record in records:
        if not isinstance(record.get("body"), dict):
            continue
        problems, key = contract.check(record)
        if not problems and (key, record["status"]) not in chosen:
            chosen[(key, record["status"])] = record
    if len(chosen) < 5:
        print(f"self-test: only {len(chosen)} conforming JSON answers recorded; run http_tests with "
              "XUEJI_RECORD_ANSWERS first")
        return False
    tried = accepted = 0

    def expect_refused(what, record):
        nonlocal tried, accepted
        tried += 1
        problems, _ = contract.check(record)
        if not problems:
            accepted += 1
            print(f"NOT REFUSED ({what}): {record['method']} {record['target']} -> {record['status']}: "
                  f"{json.dumps(record['body'], ensure_ascii=False)[:300]}")

    for (key, status), record in sorted(chosen.items()):
        _, schema, _ = contract.locate(record)
        required = [name for name in required_of(contract, schema) if name in record["body"]]
        for name in required:
            broken = copy.deepcopy(record)
            del broken["body"][name]
            expect_refused(f"{key} {status} without required '{name}'", broken)
            broken = copy.deepcopy(record)
            broken["body"][name] = wrong_type(broken["body"][name])
            expect_refused(f"{key} {status} with '{name}' of the wrong type", broken)
        broken = copy.deepcopy(record)
        broken["body"]["no_such_property"] = "x"
        expect_refused(f"{key} {status} with a property no schema has", broken)
        broken = copy.deepcopy(record)
        broken["status"] = 418
        expect_refused(f"{key} answered 418, a status it does not document", broken)
    first = next(iter(chosen.values()))
    broken = copy.deepcopy(first)
    broken["target"] = "/v1/no-such-route"
    expect_refused("a path no operation has", broken)
    broken = copy.deepcopy(first)
    broken["body"] = "not json"
    expect_refused("a JSON answer whose body is not JSON", broken)
    # A problem said to be Chinese whose detail is the engine's English.
    chinese = [r for r in records if r.get("content_language") == "zh-CN"
               and isinstance(r.get("body"), dict) and not language_failures(r)]
    if not chinese:
        print("self-test: no problem answered in Chinese was recorded")
        return False
    broken = copy.deepcopy(chinese[0])
    broken["body"]["detail"] = "account 'reg.450102' of org 450102 cannot read org 450103"
    tried += 1
    if not language_failures(broken):
        accepted += 1
        print("NOT REFUSED (an English detail under Content-Language: zh-CN)")
    print(f"self-test: {tried - accepted} of {tried} broken answers refused "
          f"(from {len(chosen)} real answers, one per operation and status)")
    return accepted == 0 and tried > 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("records", help="the NDJSON file the HTTP tests wrote (XUEJI_RECORD_ANSWERS)")
    parser.add_argument("--spec", default=DEFAULT_SPEC, help="the OpenAPI 3.1 document")
    parser.add_argument("--self-test", action="store_true",
                        help="break recorded answers and check that validation refuses them")
    args = parser.parse_args()
    contract = Contract(args.spec)
    if not os.path.exists(args.records):
        print(f"{args.records}: no such file: run http_tests with XUEJI_RECORD_ANSWERS={args.records}")
        return 1
    records = read_records(args.records)
    if not records:
        print(f"{args.records}: no answers recorded: run http_tests with XUEJI_RECORD_ANSWERS={args.records}")
        return 1
    ok = self_test(contract, records) if args.self_test else validate_all(contract, records)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
