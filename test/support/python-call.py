"""Print, as JSON, the keyword arguments of the first call to `<module>.<name>(...)` in a Python
file: literals as their values, `<module>.<Enum>.<MEMBER>` as {"enum": [Enum, MEMBER]}, anything
else (a variable, an expression) as {"expression": source}."""

import ast
import json
import sys

path, module, name = sys.argv[1:4]
tree = ast.parse(open(path, encoding="utf-8").read(), path)


def value_of(node):
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == module
    ):
        return {"enum": [node.value.attr, node.attr]}
    try:
        return ast.literal_eval(node)
    except ValueError:
        return {"expression": ast.unparse(node)}


for node in ast.walk(tree):
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == name
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == module
    ):
        print(json.dumps({k.arg: value_of(k.value) for k in node.keywords}))
        break
else:
    sys.exit(f"no call to {module}.{name} in {path}")
