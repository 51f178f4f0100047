"""Where code lives and which way imports go (README: "Where things live").

The content-page machinery (embassy.pages) serves every content app and imports none of them;
the apps import it; the cross-app features import the apps; nothing hides an import inside a
function to dodge a cycle.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["embassy", "sections", "transcripts"]

# package: the first-party packages it must never import
FORBIDDEN = {
    "embassy.pages": ["sections", "transcripts", "embassy.search", "embassy.demo"],
    "embassy.suggesting": ["sections", "transcripts", "embassy.search", "embassy.pages"],
    "sections": ["embassy.search", "embassy.suggesting", "embassy.demo", "transcripts"],
    "transcripts": ["embassy.search", "embassy.suggesting", "embassy.demo"],
    "embassy.environment": ["embassy.", "sections", "transcripts"],
    "embassy.limits": ["embassy.", "sections", "transcripts"],
}


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield name.removesuffix(".__init__"), path


def imported(tree, module):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = module.split(".")[: -node.level]
                yield ".".join([*base, node.module] if node.module else base)
            else:
                yield node.module


@pytest.mark.parametrize(("name", "path"), list(modules()), ids=lambda value: str(value))
def test_imports_run_one_way(name, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for package, forbidden in FORBIDDEN.items():
        if name == package or name.startswith(package + "."):
            for target in imported(tree, name):
                assert not any(
                    target == f or target.startswith(f if f.endswith(".") else f + ".")
                    for f in forbidden
                ), f"{name} imports {target}"


@pytest.mark.parametrize(("name", "path"), list(modules()), ids=lambda value: str(value))
def test_no_import_of_our_own_code_hides_inside_a_function(name, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if path.name == "apps.py" and getattr(function, "name", "") == "ready":
            continue  # AppConfig.ready() is where Django says to connect signal receivers
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    targets = list(imported(ast.Module(body=[node], type_ignores=[]), name))
                    ours = [t for t in targets if t.split(".")[0] in PACKAGES]
                    assert not ours, f"{name}.{function.name} imports {ours} inside a function"


def package_of(module):
    """The room a module lives in: embassy.<room>, or the app (sections, transcripts)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "embassy" and len(parts) > 1 else parts[0]


def package_imports():
    """{room: the other rooms of ours it imports}, from every module's imports."""
    edges = {}
    for name, path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        room = package_of(name)
        for target in imported(tree, name):
            if target and target.split(".")[0] in PACKAGES and package_of(target) != room:
                edges.setdefault(room, set()).add(package_of(target))
    return edges


def cycles(edges):
    """Every group of rooms that import each other round (Tarjan's strongly connected sets)."""
    index, low, stack, found = {}, {}, [], []

    def visit(room):
        index[room] = low[room] = len(index)
        stack.append(room)
        for other in edges.get(room, ()):
            if other not in index:
                visit(other)
                low[room] = min(low[room], low[other])
            elif other in stack:
                low[room] = min(low[room], index[other])
        if low[room] == index[room]:
            group = set()
            while True:
                other = stack.pop()
                group.add(other)
                if other == room:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for room in list(edges):
        if room not in index:
            visit(room)
    return found


def test_no_rooms_import_each_other_round():
    assert cycles(package_imports()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_imports_no_other_room():
    assert package_imports().get("embassy.core", set()) <= {"embassy.core"}
