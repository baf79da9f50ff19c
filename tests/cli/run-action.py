#!/usr/bin/env python3
"""Runs the `run:` steps of action.yml as the GitHub runner would (each with
`bash --noprofile --norc -eo pipefail`, its `env:` with `${{ inputs.* }}` and
`${{ github.action_path }}` filled in, and a GITHUB_OUTPUT file); `uses:` steps (the cache) are
skipped. Usage: run-action.py ACTION_DIR [name=value ...] — prints the outputs as JSON on the
last line of stdout and exits with the status of the first failing step."""
import json, os, re, subprocess, sys, tempfile

import yaml

action_dir, overrides = sys.argv[1], dict(arg.split("=", 1) for arg in sys.argv[2:])
action = yaml.safe_load(open(os.path.join(action_dir, "action.yml")))
inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
unknown = set(overrides) - set(inputs)
if unknown:
    sys.exit(f"run-action: unknown inputs {sorted(unknown)}")
inputs.update(overrides)

def expand(value):
    def one(match):
        expression = match.group(1).strip()
        if expression.startswith("inputs."):
            return inputs[expression[len("inputs."):]]
        if expression == "github.action_path":
            return action_dir
        raise SystemExit(f"run-action: cannot evaluate `{expression}`")
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))

outputs = {}
for step in action["runs"]["steps"]:
    if "uses" in step:
        continue
    assert step.get("shell") == "bash", step
    with tempfile.NamedTemporaryFile("r", delete=False) as output_file:
        env = dict(os.environ, GITHUB_OUTPUT=output_file.name)
        env.update({key: expand(value) for key, value in step.get("env", {}).items()})
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script:
            script.write(step["run"])
        status = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script.name], env=env).returncode
        os.unlink(script.name)
        for line in open(output_file.name):
            if "=" in line:
                name, value = line.rstrip("\n").split("=", 1)
                outputs[f"{step.get('id', '')}.{name}"] = value
        os.unlink(output_file.name)
    if status != 0:
        print(json.dumps(outputs), flush=True)
        sys.exit(status)
print(json.dumps(outputs), flush=True)
