"""Put the course's notebooks in a new order and renumber everything that follows from it.

Usage::

    python tools/renumber.py 00 01 01b 03 02 ...     # the current numbers, in the new order
    python tools/renumber.py --dry-run 00 01 ...     # print the plan, change nothing

Every registered notebook must be named once.  The n-th named notebook becomes
notebook n-1 (the start page stays 00), with two-digit numbers and no letters.
What changes, in every file git tracks:

- ``notebooks/registry.csv`` and the notebook files' names (``git mv``); each
  notebook's heading cell;
- links to notebook files, and "notebook 03" / "notebooks 02 and 05" in prose,
  docstrings and comments, and the ``notebook`` column of ``data/*.csv``;
- exercise numbers: ``check("3.1", ...)``, ``answer_3_1``, "Exercise 3.1" and
  quoted ``"3.1"`` wherever it is a known exercise number.  A notebook that holds
  every exercise of its answers module keeps the numbers after the dot (6.11 ->
  10.11); one that shares a module (a session split off another) numbers its
  exercises 1, 2, ... in the order the notebook checks them;
- the answers modules ``relmark_helpers/answers/nbNN.py``: renamed, and split
  where one module served two notebooks (module-level names used by both stay in
  the first and are imported by the second).

A range such as "notebooks 01-06" cannot be renumbered safely: it is printed
for a person to rewrite.  Afterwards run ``ruff check --fix``, ``python
tools/notebooks.py execute`` (stored outputs show exercise numbers) and the tests.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry import COLUMNS, NOTEBOOK_DIR, ROOT, Notebook, load_registry  # noqa: E402

ANSWERS = ROOT / "relmark_helpers" / "answers"
CHECK_CALL = re.compile(r"""check\(\s*\\?["'](\d{1,2}\.\d{1,2})\\?["']""")
TEXT_SUFFIXES = {".py", ".md", ".ipynb", ".csv", ".cfg", ".toml", ".yml", ".yaml", ".txt", ".html",
                 ".json", ""}


@dataclass
class Plan:
    notebooks: list[tuple[Notebook, str, str]]  # (entry, new prefix, new file)
    number_map: dict[str, str]  # old prefix ("01b") -> new prefix ("02")
    exercise_map: dict[str, str]  # "1.3" -> "2.1"
    module_moves: dict[str, dict[str, str]]  # old module -> {exercise id: new module}


def _prefix_key(token: str) -> str:
    match = re.fullmatch(r"(\d{1,2})([a-z]?)", token)
    if not match:
        raise ValueError(f"not a notebook number: {token!r}")
    return f"{int(match.group(1)):02d}{match.group(2)}"


def _checked_ids(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    seen: list[str] = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        for eid in CHECK_CALL.findall("".join(cell["source"])):
            if eid not in seen:
                seen.append(eid)
    return seen


def _module_ids(module: str) -> list[str]:
    path = ANSWERS / f"{module}.py"
    if not path.exists():
        return []
    return re.findall(r"""exercise_id\s*=\s*["'](\d{1,2}\.\d{1,2})["']""", path.read_text(encoding="utf-8"))


def make_plan(order: list[str]) -> Plan:
    entries = {entry.prefix: entry for entry in load_registry()}
    wanted = [_prefix_key(token) for token in order]
    if sorted(wanted) != sorted(entries) or len(set(wanted)) != len(wanted):
        raise SystemExit(f"name every registered notebook once: {', '.join(entries)}; "
                         f"got {', '.join(wanted)}")
    notebooks, number_map = [], {}
    for index, old in enumerate(wanted):
        entry = entries[old]
        new = f"{index:02d}"
        stem = entry.file.split("_", 1)[1]
        notebooks.append((entry, new, f"{new}_{stem}"))
        number_map[old] = new
    exercise_map: dict[str, str] = {}
    module_moves: dict[str, dict[str, str]] = {}
    users: dict[str, list[str]] = {}  # module -> old prefixes of notebooks that check its exercises
    checked = {entry.prefix: _checked_ids(entry.path) for entry, _, _ in notebooks}
    for prefix, ids in checked.items():
        for eid in ids:
            module = f"nb{int(eid.split('.')[0]):02d}"
            if prefix not in users.setdefault(module, []):
                users[module].append(prefix)
    for entry, new, _ in notebooks:
        ids = checked[entry.prefix]
        modules = {f"nb{int(e.split('.')[0]):02d}" for e in ids}
        whole = len(modules) == 1 and users[next(iter(modules))] == [entry.prefix]
        for k, eid in enumerate(ids, start=1):
            tail = eid.split(".")[1] if whole else str(k)
            exercise_map[eid] = f"{int(new)}.{tail}"
            module_moves.setdefault(f"nb{int(eid.split('.')[0]):02d}", {})[eid] = f"nb{int(new):02d}"
    for module in sorted(p.stem for p in ANSWERS.glob("nb*.py")):
        for eid in _module_ids(module):
            if eid not in exercise_map:
                targets = set(module_moves.get(module, {}).values())
                if len(targets) != 1:
                    raise SystemExit(f"exercise {eid} of {module} is checked by no notebook and its "
                                     f"module serves {len(targets)} notebooks: place it by hand first")
                target = next(iter(targets))
                exercise_map[eid] = f"{int(target[2:])}.{eid.split('.')[1]}"
                module_moves[module][eid] = target
    return Plan(notebooks, number_map, exercise_map, module_moves)


# --- text rewriting ---------------------------------------------------------------------------------

_NB_TOKEN = r"\d{1,2}[a-z]?"
_NB_LIST = re.compile(
    rf"\b([Nn]otebooks?|NB)(\s+)({_NB_TOKEN}(?:(?:,\s*|\s+and\s+|\s+or\s+|\s*&\s*){_NB_TOKEN})*)\b(?!\.\d)"
)
_NB_RANGE = re.compile(rf"\b[Nn]otebooks?\s+{_NB_TOKEN}\s*[-–]\s*{_NB_TOKEN}\b")
_EX_ID = r"\d{1,2}\.\d{1,2}"
_EX_LIST = re.compile(
    rf"\b([Ee]xercises?|[Qq]uestions?|[Ii]tems?)(\s+)({_EX_ID}(?:(?:,\s*|\s+and\s+|\s+or\s+|\s*[-–]\s*|\s+to\s+){_EX_ID})*)"
    rf"(?![\d.]\d)"
)


_EXERCISE_LINE = re.compile(r"check\(|exercise|\beid\b|JUDGEMENT|graded|_question\(|EXERCISES"
                            r"|\w\[\\?[\"']\d{1,2}\.\d{1,2}\\?[\"']\]|answer_\d")


def rewrite_text(text: str, plan: Plan, warn: list[str], where: str) -> str:
    """Rewrite notebook numbers and exercise numbers in one file's text."""
    for match in _NB_RANGE.finditer(text):
        warn.append(f"{where}: a range of notebooks, rewrite by hand: {match.group(0)!r}")

    def notebooks(match: re.Match) -> str:
        def one(token: re.Match) -> str:
            key = _prefix_key(token.group(0))
            return plan.number_map.get(key, token.group(0))
        return match.group(1) + match.group(2) + re.sub(_NB_TOKEN, one, match.group(3))

    text = _NB_LIST.sub(notebooks, text)

    def exercises(match: re.Match) -> str:
        return match.group(1) + match.group(2) + re.sub(
            _EX_ID, lambda t: plan.exercise_map.get(t.group(0), t.group(0)), match.group(3))

    text = _EX_LIST.sub(exercises, text)
    # quoted ids ("3.1", '3.1', \"3.1\" inside JSON), through placeholders so that a chain
    # (2 -> 4, 4 -> 5) is not applied twice; outside notebooks and answers modules only on lines
    # that speak of exercises (a quoted "2.7" may be a number elsewhere)
    ids = sorted(plan.exercise_map, key=len, reverse=True)
    quoted = re.compile(r"""(\\?["'])(""" + "|".join(re.escape(i) for i in ids) + r""")(\\?["'])""")
    everywhere = where.endswith(".ipynb") or "answers/" in where
    lines, depth = text.splitlines(keepends=True), 0
    for index, line in enumerate(lines):
        if everywhere or depth > 0 or _EXERCISE_LINE.search(line):
            lines[index] = quoted.sub(lambda m: f"{m.group(1)}\x00{m.group(2)}\x00{m.group(3)}", line)
            depth = max(0, depth + line.count("(") + line.count("[") + line.count("{")
                        - line.count(")") - line.count("]") - line.count("}"))
    text = re.sub(r"\x00([\d.]+)\x00", lambda m: plan.exercise_map[m.group(1)], "".join(lines))
    names = re.compile(r"\b(answer_)(\d{1,2})_(\d{1,2})\b")

    def name(match: re.Match) -> str:
        eid = f"{match.group(2)}.{match.group(3)}"
        new = plan.exercise_map.get(eid, eid)
        return match.group(1) + new.replace(".", "_")

    text = names.sub(name, text)
    # file names of notebooks and answers modules
    for entry, _, new_file in plan.notebooks:
        text = text.replace(entry.file, "\x01" + new_file + "\x01")
    text = text.replace("\x01", "")
    return text


def rewrite_csv_notebook_column(text: str, plan: Plan) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "notebook" not in rows[0]:
        return text
    column = rows[0].index("notebook")
    for row in rows[1:]:
        if len(row) > column and re.fullmatch(_NB_TOKEN, row[column] or "-"):
            row[column] = plan.number_map.get(_prefix_key(row[column]), row[column])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


# --- answers modules ---------------------------------------------------------------------------------

def _names_used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _defined(statement: ast.stmt) -> set[str]:
    if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, (ast.Assign, ast.AnnAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


def split_module(source: str, keep_ids: set[str], new_docstring: str,
                 old_module: str) -> tuple[str, str, set[str]]:
    """Split an answers module: the old module with ``keep_ids``, a new one with the rest, and
    the module-level names that moved to the new one."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    exercises = next(s for s in tree.body if isinstance(s, ast.Assign)
                     and any(isinstance(t, ast.Name) and t.id == "EXERCISES" for t in s.targets))
    calls = exercises.value.elts

    def eid(call: ast.expr) -> str:
        for keyword in getattr(call, "keywords", []):
            if keyword.arg == "exercise_id" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
        raise SystemExit(f"{old_module}: an exercise without a literal exercise_id")

    starts = {id(s): (tree.body[i - 1].end_lineno if i else 0) for i, s in enumerate(tree.body)}

    def segment(node: ast.stmt) -> str:
        """The statement with the blank lines and comments between it and the one before."""
        return "".join(lines[starts[id(node)]:node.end_lineno])

    moved_calls = [c for c in calls if eid(c) not in keep_ids]
    kept_calls = [c for c in calls if eid(c) in keep_ids]
    definitions = [s for s in tree.body if _defined(s) and s is not exercises]
    # names each side needs, transitively through the module's own definitions
    by_name = {name: s for s in definitions for name in _defined(s)}

    def closure(nodes: list[ast.AST]) -> set[str]:
        need, todo = set(), set().union(*(_names_used(n) for n in nodes)) if nodes else set()
        while todo:
            name = todo.pop()
            if name in need or name not in by_name:
                continue
            need.add(name)
            todo |= _names_used(by_name[name]) - need
        return need

    need_old, need_new = closure(kept_calls), closure(moved_calls)
    imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    head = "".join(segment(s) for s in imports).lstrip("\n") + "\n"
    old_defs = [s for s in definitions if _defined(s) & need_old or not _defined(s) & need_new]
    new_defs = [s for s in definitions if s not in old_defs]
    shared = sorted(need_new & {n for s in old_defs for n in _defined(s)})

    def body(defs: list[ast.stmt], chosen: list[ast.expr]) -> str:
        items = "".join("    " + "".join(lines[c.lineno - 1:c.end_lineno]).strip().rstrip(",") + ",\n"
                        for c in chosen)
        return "".join(segment(s) for s in defs) + "\n\nEXERCISES = (\n" + items + ")\n"

    docstring = segment(tree.body[0]) if ast.get_docstring(tree) else ""
    old_text = docstring + "\n\n" + head + body(old_defs, kept_calls)
    from_old = (f"from relmark_helpers.answers.{old_module} import {', '.join(shared)}\n" if shared else "")
    new_text = f'"""{new_docstring}"""\n\n' + head + from_old + body(new_defs, moved_calls)
    return old_text, new_text, {n for d in new_defs for n in _defined(d)}


# --- applying ----------------------------------------------------------------------------------------

def tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / line for line in out.splitlines()
            if (ROOT / line).suffix in TEXT_SUFFIXES and (ROOT / line).is_file()
            and not line.startswith(("data/cdnow", "tests/data/"))]


def git(*args: str) -> None:
    subprocess.run(["git", *args], cwd=ROOT, check=True)


def apply(plan: Plan) -> list[str]:
    warn: list[str] = []
    # 1. answers modules: split where one served two notebooks, then rename through temporary
    #    names so that a chain (nb02 -> nb04 while nb04 -> nb05) cannot overwrite a module
    module_map: dict[str, str] = {}
    moved_names: dict[str, dict[str, str]] = {}  # old module -> {name: new module it moved to}
    for module, moves in sorted(plan.module_moves.items()):
        targets = sorted(set(moves.values()))
        path = ANSWERS / f"{module}.py"
        if len(targets) > 2:
            raise SystemExit(f"{module}.py serves {len(targets)} notebooks: split it by hand first")
        if len(targets) == 2:
            first, second = targets
            keep = {e for e, t in moves.items() if t == first}
            # written with the old numbers: the rewriting below renumbers them like everything else
            second_notebook = next(old for old, new in plan.number_map.items() if new == second[2:])
            old_text, new_text, moved = split_module(path.read_text(encoding="utf-8"), keep,
                                                     f"Exercises of notebook {second_notebook}.", module)
            moved_names[module] = {name: second for name in moved}
            path.write_text(old_text, encoding="utf-8")
            (ANSWERS / f"_tmp_{second}.py").write_text(new_text, encoding="utf-8")
            git("add", f"relmark_helpers/answers/_tmp_{second}.py")
            warn.append(f"{module}.py was split into {first}.py and {second}.py: check both docstrings")
        git("mv", f"relmark_helpers/answers/{module}.py", f"relmark_helpers/answers/_tmp_{targets[0]}.py")
        module_map[module] = targets[0]
    for temporary in sorted(ANSWERS.glob("_tmp_nb*.py")):
        git("mv", str(temporary.relative_to(ROOT)),
            f"relmark_helpers/answers/{temporary.name.removeprefix('_tmp_')}")
    # 2. notebooks: rename through temporary names
    for entry, _, new_file in plan.notebooks:
        if entry.file != new_file:
            git("mv", f"notebooks/{entry.file}", f"notebooks/_tmp_{new_file}")
    for entry, _, new_file in plan.notebooks:
        if entry.file != new_file:
            git("mv", f"notebooks/_tmp_{new_file}", f"notebooks/{new_file}")
    # 3. the registry
    with open(NOTEBOOK_DIR / "registry.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for entry, new, new_file in plan.notebooks:
            writer.writerow([int(new), new_file, entry.title, entry.minutes, entry.status, entry.summary])
    # 4. every tracked text file
    module_pattern = re.compile(r"\b(nb\d\d)\b(\.(\w+))?")

    def module_token(match: re.Match) -> str:
        old, attribute = match.group(1), match.group(3)
        new = moved_names.get(old, {}).get(attribute or "", module_map.get(old, old))
        return new + (match.group(2) or "")

    for path in tracked_text_files():
        if path.name == "registry.csv" or path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        new = rewrite_text(text, plan, warn, str(path.relative_to(ROOT)))
        new = module_pattern.sub(module_token, new)
        if path.suffix == ".csv":
            new = rewrite_csv_notebook_column(new, plan)
        if path.suffix == ".ipynb":
            notebook = json.loads(new)
            entry = next((e for e, _, f in plan.notebooks if f == path.name), None)
            if entry is not None:
                first = notebook["cells"][0]
                number = int(next(n for e, n, f in plan.notebooks if f == path.name))
                src = "".join(first["source"])
                first["source"] = re.sub(r"^# \S+ · ", f"# {number} · ", src, count=1)
            new = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
        if new != text:
            path.write_text(new, encoding="utf-8")
    return warn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("order", nargs="+", help="current notebook numbers in the new order")
    parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    args = parser.parse_args(argv)
    plan = make_plan(args.order)
    for entry, _, new_file in plan.notebooks:
        print(f"{entry.file} -> {new_file}")
    print("exercises: " + ", ".join(f"{k}->{v}" for k, v in plan.exercise_map.items() if k != v))
    if args.dry_run:
        return 0
    for line in apply(plan):
        print("check:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
