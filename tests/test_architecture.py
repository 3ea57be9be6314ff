"""The shape of the code, checked: no import cycles, a leaf that imports no app, writes only in
services, background work only in tasks modules, and functions short enough to read.

These read the source with `ast`, so they see imports inside functions as well: a cycle hidden by
a function-local import is still a cycle.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
APPS = ("ats", "candidates", "jobs")
LEAF = "ats.core"
MAX_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Module:
    name: str
    path: Path

    @property
    def tree(self) -> ast.Module:
        return _parse(self.path)

    @property
    def is_services(self) -> bool:
        return self.path.name == "services.py" or "services" in self.path.parent.parts[-1:]


@cache
def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


@cache
def project_modules() -> dict[str, Module]:
    """Every module of the project's apps but migrations (which run once, in order)."""
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            modules[name] = Module(name, path)
    return modules


def imports_of(module: Module) -> set[str]:
    """The project modules `module` imports, anywhere in it (top level or inside a function)."""
    known = project_modules()
    found = set()
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from pkg import mod` imports pkg.mod when that is a module, else a name of pkg.
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module for a in node.names]
        else:
            continue
        found |= {name for name in names if name in known and name != module.name}
    return found


def import_cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    graph = {name: sorted(imports_of(module)) for name, module in project_modules().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    return cycles


def test_no_import_cycles_between_modules():
    assert import_cycles() == [], "import cycles (modules that import each other, directly or not)"


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    # Guard against a check that cannot fail: two modules importing each other are reported.
    first, second = tmp_path / "a.py", tmp_path / "b.py"
    first.write_text("def f():\n    from candidates import cyc_b\n")
    second.write_text("import candidates.cyc_a\n")
    fake = {**project_modules(), "candidates.cyc_a": Module("candidates.cyc_a", first),
            "candidates.cyc_b": Module("candidates.cyc_b", second)}
    monkeypatch.setattr(f"{__name__}.project_modules", lambda: fake)
    assert ["candidates.cyc_a", "candidates.cyc_b"] in import_cycles()


def test_the_leaf_imports_no_app():
    """ats.core is what every app writes through (activity log, gates, queues): it imports none of them."""
    leaf = {name: module for name, module in project_modules().items() if name == LEAF or name.startswith(LEAF + ".")}
    assert len(leaf) >= 8
    outside = {name: sorted(target for target in imports_of(module) if not target.startswith(LEAF))
               for name, module in leaf.items()}
    assert {name: targets for name, targets in outside.items() if targets} == {}


# --- Writes only in services -------------------------------------------------------------------------

WRITE_METHODS = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "update", "delete"}
RELATION_WRITES = {"add", "remove", "set", "clear", "create", "get_or_create", "update_or_create", "bulk_create"}
# Attributes whose .save()/.delete() is not a row write: stored files, the session.
NOT_ROWS = {"file", "storage", "session"}
SQL_WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE\s+\w+(\s+AS\s+\w+)?\s+SET|DELETE\s+FROM)\b")
# Modules that build documents (PDF, DOCX, page images) whose .save() writes a file, not a row.
DOCUMENT_BUILDERS = {"ats.demo.fake_resumes", "candidates.resumes.page_renderer"}


@cache
def relation_names() -> frozenset[str]:
    """Names of every related manager of the project's models (`job.stages`, `candidate.tags`)."""
    names = set()
    for model in apps.get_models():
        if model._meta.app_label not in ("candidates", "jobs", "core"):
            continue
        for field in model._meta.get_fields():
            if field.is_relation and (field.many_to_many or field.one_to_many):
                names.add(field.get_accessor_name() if hasattr(field, "get_accessor_name") else field.name)
    return frozenset(names - {"+"})


def _chain(node: ast.AST) -> list[str]:
    """The attribute and call names a receiver is made of: `Job.objects.filter(x).update` →
    ['Job', 'objects', 'filter', 'update']."""
    names = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def writes_in(module: Module) -> Iterator[str]:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WRITE.match(node.value):
            yield f"{module.name}:{node.lineno} SQL {node.value.split()[0]}"
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method, receiver = node.func.attr, _chain(node.func.value)
        if method in ("save", "delete") and not NOT_ROWS & set(receiver):
            yield f"{module.name}:{node.lineno} {'.'.join(receiver)}.{method}()"
        elif method in WRITE_METHODS and "objects" in receiver:
            yield f"{module.name}:{node.lineno} {'.'.join(receiver)}.{method}()"
        elif method in RELATION_WRITES and receiver and receiver[-1] in relation_names():
            yield f"{module.name}:{node.lineno} {'.'.join(receiver)}.{method}()"


def test_rows_are_written_only_by_services():
    """No .save()/.create()/.update()/.delete() (or raw INSERT/UPDATE/DELETE) outside services
    modules: views, forms, the admin, tasks and commands call a named service instead."""
    offenders = [
        write
        for module in project_modules().values()
        if not module.is_services and module.name not in DOCUMENT_BUILDERS
        for write in writes_in(module)
    ]
    assert offenders == []


def test_the_write_finder_finds_writes(tmp_path):
    path = tmp_path / "views.py"
    path.write_text(
        "def v(request, job, form):\n"
        "    form.save()\n"
        "    Job.objects.filter(pk=1).update(title='x')\n"
        "    job.stages.create(name='x')\n"
        "    job.hiring_managers.set([])\n"
        "    cursor.execute('UPDATE jobs_job SET title = %s', ['x'])\n"
        "    request.session.save()\n"
        "    resume.file.delete(save=False)\n"
    )
    found = list(writes_in(Module("jobs.fake_views", path)))
    assert [line.split(" ", 1)[0].split(":")[1] for line in found] == ["2", "3", "4", "5", "6"]


# --- Background work ---------------------------------------------------------------------------------

TASK_PATH = re.compile(r"^(?:ats|candidates|jobs)(?:\.\w+)+\.tasks\.\w+$")


def test_every_task_named_for_rq_is_a_function_of_a_tasks_module():
    names = {
        node.value
        for module in project_modules().values()
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and TASK_PATH.match(node.value)
    }
    assert {"candidates.resumes.tasks.parse_resume_task", "jobs.reviews.tasks.send_shortlist_digest"} <= names
    for name in names:
        module_name, _, function = name.rpartition(".")
        assert callable(getattr(import_module(module_name), function, None)), name


def test_jobs_are_enqueued_by_task_name_and_on_commit_in_one_place():
    """Enqueue calls pass a task path (a *_TASK constant or `task`), never a function object, and
    transaction.on_commit is used only by ats.core.queues (the one enqueue-on-commit policy)."""
    problems = []
    for module in project_modules().values():
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr in ("enqueue", "enqueue_in", "enqueue_at", "enqueue_on_commit") and node.args:
                task_arg = node.args[1 if node.func.attr in ("enqueue_in", "enqueue_at") else 0]
                if node.func.attr == "enqueue_on_commit" or _chain(node.func.value)[:1] == ["queues"]:
                    task_arg = node.args[1] if len(node.args) > 1 else task_arg
                ok = isinstance(task_arg, ast.Name) and (task_arg.id == "task" or task_arg.id.endswith("_TASK"))
                if not ok:
                    problems.append(f"{module.name}:{node.lineno} enqueues {ast.unparse(task_arg)}")
            if node.func.attr == "on_commit" and module.name != "ats.core.queues":
                problems.append(f"{module.name}:{node.lineno} calls on_commit")
    assert problems == []


# --- Size ----------------------------------------------------------------------------------------------

# Being split in the parser's own round of work (issue 12), which rewrites these functions anyway;
# this list may only shrink.
PARSER_FUNCTIONS_BEING_SPLIT = {
    "candidates.parsing.profile.build_profile",
    "candidates.parsing.readers.docx.paragraph",
}


def long_functions() -> dict[str, int]:
    found = {}
    for module in project_modules().values():
        for node in ast.walk(module.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found[f"{module.name}.{node.name}"] = length
    return found


def test_no_function_is_longer_than_80_lines():
    over = long_functions()
    assert set(over) - PARSER_FUNCTIONS_BEING_SPLIT == set(), over
    assert PARSER_FUNCTIONS_BEING_SPLIT <= set(over), "split already: take it off PARSER_FUNCTIONS_BEING_SPLIT"


@pytest.mark.parametrize("name", ["ats.core", "ats.api", "ats.webhooks", "candidates.resumes", "candidates.search", "jobs.applications", "jobs.careers", "jobs.reviews"])
def test_sub_packages_use_the_same_module_names(name):
    """Each feature package has its models/selectors/services/views under those names (a newcomer
    finds any feature by name); nothing is called views_x or x_views any more."""
    modules = {m.rsplit(".", 1)[-1] for m in project_modules() if m.startswith(name + ".")}
    assert modules & {"models", "selectors", "services", "views", "urls", "tasks", "forms"}
    assert not {m for m in project_modules() if re.search(r"\.(views|forms|urls)_\w+$|\.\w+_(views|forms|urls)$", m)}


# --- Every service is tested ---------------------------------------------------------------------------


def public_services() -> dict[str, str]:
    """name -> module of every public function in a services module."""
    found = {}
    for module in project_modules().values():
        if module.is_services:
            for node in module.tree.body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    found[node.name] = module.name
    return found


@cache
def _test_sources() -> str:
    here = Path(__file__).resolve().parent
    return "\n".join(path.read_text() for path in here.rglob("test_*.py") if path.resolve() != Path(__file__).resolve())


def test_every_public_service_is_called_by_some_test():
    """A floor, not a ceiling: the tests of a service also check its refusals, activity row and side
    effects; this catches a new service that no test calls by name at all."""
    services = public_services()
    assert len(services) > 40
    untested = sorted(f"{module}.{name}" for name, module in services.items() if not re.search(rf"\b{name}\(", _test_sources()))
    assert untested == []
