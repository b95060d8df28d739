"""Strict validation of a batch of Kubernetes objects (tests/it/manifests.rs).

    python validate.py BATCH.json

BATCH.json is `{"kubernetes_version": "1.34", "objects": [{"id": ..., "validator": ...,
"object": {...}}]}`; stdout is one JSON object `{id: [{"path": ..., "message": ...}]}` with an
entry for every id (an empty list when it is valid). Validators (see README.md):

  kubernetes     core kinds: kubernetes-validate --strict for that Kubernetes version
  kyverno        kyverno.io kinds: the pydantic models of cloudcoil-models-kyverno, strict types,
                 and every field the model does not know is an error
  crd:FILE       a CRD vendored under crds/: its openAPIV3Schema for the object's version, with
                 unknown fields made errors as the API server does with strict field validation;
                 metadata against kubernetes-validate's strict ObjectMeta
  values:FILE    a chart's values (not a Kubernetes object): the values.schema.json the chart
                 ships, vendored under charts/ (draft 2020-12, as Helm 3.18+ checks it)
"""

import json
import pathlib
import re
import sys

import jsonschema
import kubernetes_validate
import pydantic
import referencing
import yaml
from kubernetes_validate import utils

HERE = pathlib.Path(__file__).resolve().parent


def path_of(parts):
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def kubernetes(obj, version):
    try:
        kubernetes_validate.validate(obj, version, strict=True)
        return []
    except kubernetes_validate.ValidationError:
        # validate() stops at the first error: list them all with the same schema.
        return every_kubernetes_error(obj, version)
    except kubernetes_validate.SchemaNotFoundError:
        return [
            {
                "path": "apiVersion",
                "message": f"{obj.get('apiVersion')} {obj.get('kind')} is not served by "
                f"Kubernetes {version} (no schema in kubernetes-validate "
                f"{kubernetes_validate.__version__})",
            }
        ]


def every_kubernetes_error(obj, version):
    """Every error, with the schema and definitions kubernetes_validate.validate() uses."""
    api = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", obj["apiVersion"])
    errors = kubernetes_schema_errors(obj, f"{obj['kind'].lower()}-{api}.json", version, [])
    if not errors:
        raise AssertionError("validate() failed but iter_errors() found nothing")
    return errors


def kubernetes_schema_errors(instance, schema_file, version, parts):
    """Errors of `instance` against one of kubernetes-validate's strict schemas for `version`
    (e.g. `objectmeta-meta-v1.json`), their paths under `parts`."""
    schema_version = [
        v for v in utils.all_versions() if utils.major_minor(v) <= utils.major_minor(version)
    ][-1]
    schema_dir = f"kubernetes-json-schema/v{schema_version}-local-strict"
    schema = utils.schema_contents(f"{schema_dir}/{schema_file}", version)
    defs = utils.schema_contents(f"{schema_dir}/_definitions.json", version)
    registry = referencing.Resource.from_contents(schema) @ referencing.Registry()
    registry = referencing.Resource.from_contents(defs) @ registry
    validator = jsonschema.validators.Draft202012Validator(schema, registry=registry)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [
        {"path": path_of(parts + list(e.absolute_path)), "message": e.message} for e in errors
    ]


def unknown_fields(given, kept, parts):
    """Keys in `given` that the model dropped: fields its schema does not have."""
    out = []
    if isinstance(given, dict) and isinstance(kept, dict):
        for k, v in given.items():
            if k not in kept:
                out.append({"path": path_of(parts + [k]), "message": f"unknown field {k!r}"})
            else:
                out += unknown_fields(v, kept[k], parts + [k])
    elif isinstance(given, list) and isinstance(kept, list):
        for i, (g, k) in enumerate(zip(given, kept)):
            out += unknown_fields(g, k, parts + [i])
    return out


def kyverno(obj):
    import cloudcoil.models.kyverno as models

    group_version = obj.get("apiVersion", "")
    module_name = group_version.split("/")[-1]
    try:
        module = __import__(f"cloudcoil.models.kyverno.{module_name}", fromlist=["_"])
        cls = getattr(module, obj.get("kind", ""))
    except (ImportError, AttributeError):
        return [
            {
                "path": "apiVersion",
                "message": f"{group_version} {obj.get('kind')} is not in "
                f"cloudcoil-models-kyverno ({models.__name__})",
            }
        ]
    try:
        model = cls.model_validate(obj, strict=True)
    except pydantic.ValidationError as e:
        return [
            {"path": path_of(list(err["loc"])), "message": err["msg"]} for err in e.errors()
        ]
    kept = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return unknown_fields(obj, kept, [])


def strict_schema(schema):
    """The API server's pruning as errors: no unknown fields where the schema lists them."""
    if isinstance(schema, dict):
        schema = {k: strict_schema(v) for k, v in schema.items()}
        if (
            "properties" in schema
            and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")
        ):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [strict_schema(s) for s in schema]
    return schema


_crds = {}


def crd(obj, file, version):
    if file not in _crds:
        _crds[file] = next(
            d for d in yaml.safe_load_all((HERE / "crds" / file).read_text()) if d
        )
    spec = _crds[file]["spec"]
    group, _, version = obj.get("apiVersion", "").rpartition("/")
    served = [
        v for v in spec["versions"] if v["name"] == version and v.get("served", True)
    ]
    if group != spec["group"] or obj.get("kind") != spec["names"]["kind"] or not served:
        return [
            {
                "path": "apiVersion",
                "message": f"{obj.get('apiVersion')} {obj.get('kind')} is not served by "
                f"the CRD crds/{file}",
            }
        ]
    schema = strict_schema(served[0]["schema"]["openAPIV3Schema"])
    # metadata is the API server's ObjectMeta, not part of the CRD's schema: checked on its own.
    schema["properties"]["metadata"] = {"type": "object"}
    validator = jsonschema.Draft7Validator(schema)
    errors = [
        {"path": path_of(list(e.absolute_path)), "message": e.message}
        for e in sorted(validator.iter_errors(obj), key=lambda e: list(map(str, e.path)))
    ]
    if isinstance(obj.get("metadata"), dict):
        errors += kubernetes_schema_errors(
            obj["metadata"], "objectmeta-meta-v1.json", version, ["metadata"]
        )
    return errors


_charts = {}


def chart_values(values, file):
    if file not in _charts:
        schema = json.loads((HERE / "charts" / file).read_text())
        _charts[file] = jsonschema.Draft202012Validator(schema)
    return [
        {"path": path_of(list(e.absolute_path)), "message": e.message}
        for e in sorted(
            _charts[file].iter_errors(values), key=lambda e: list(map(str, e.path))
        )
    ]


def main():
    batch = json.loads(pathlib.Path(sys.argv[1]).read_text())
    version = batch["kubernetes_version"]
    results = {}
    for item in batch["objects"]:
        v, obj = item["validator"], item["object"]
        if v == "kubernetes":
            errors = kubernetes(obj, version)
        elif v == "kyverno":
            errors = kyverno(obj)
        elif v.startswith("crd:"):
            errors = crd(obj, v[len("crd:") :], version)
        elif v.startswith("values:"):
            errors = chart_values(obj, v[len("values:") :])
        else:
            errors = [{"path": "", "message": f"validate.py has no validator {v!r}"}]
        results[item["id"]] = errors
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
