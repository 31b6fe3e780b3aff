"""docs/teaching-with-jupyterhub.md: what can be checked of it without a cluster.

- the Zero to JupyterHub `config.yaml` fragment is valid YAML, and every key in it is one
  the chart accepts: the list below was read from the chart 4.4.0's values.schema.yaml
  (the chart's schema cannot be fetched by a test run);
- the repository, branch and folder of its postStart pull are those of the link shown on
  the page, and that link is exactly what tools/nbgitpuller_link.py prints for the
  command shown above it;
- the Colab install lines shown are the ones tools/course_links.py generates;
- the grading Job (on paper) is at least valid YAML for a batch/v1 Job that runs the
  grader.
"""

import re
import shlex
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (pip install pyyaml)")

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "teaching-with-jupyterhub.md"
sys.path.insert(0, str(ROOT / "tools"))
from course_links import colab_setup_lines  # noqa: E402
from nbgitpuller_link import main as link_main  # noqa: E402

Z2JH_VERSION = "4.4.0"
# keys of the chart's values (as dotted paths) that the fragment may use, from
# jupyterhub/values.schema.yaml of Zero to JupyterHub 4.4.0
Z2JH_KEYS = {
    "singleuser", "singleuser.image", "singleuser.image.name", "singleuser.image.tag",
    "singleuser.image.pullPolicy", "singleuser.defaultUrl", "singleuser.cmd",
    "singleuser.cpu", "singleuser.cpu.limit", "singleuser.cpu.guarantee",
    "singleuser.memory", "singleuser.memory.limit", "singleuser.memory.guarantee",
    "singleuser.storage", "singleuser.storage.capacity", "singleuser.storage.homeMountPath",
    "singleuser.extraEnv", "singleuser.lifecycleHooks", "singleuser.lifecycleHooks.postStart",
    "singleuser.startTimeout", "singleuser.profileList",
    "hub", "hub.config", "hub.extraConfig",
    "cull", "cull.enabled", "cull.timeout", "cull.every", "cull.maxAge",
    "prePuller", "prePuller.hook", "prePuller.hook.enabled", "prePuller.continuous",
    "prePuller.continuous.enabled",
}
# keys whose values are free-form in the schema (traitlets config, environment variables,
# a Kubernetes lifecycle handler): anything may sit below them
FREE_FORM = ("hub.config", "singleuser.extraEnv", "singleuser.lifecycleHooks.postStart")


def _block(start, language):
    """The fenced `language` block between <!-- START start --> and <!-- ... end -->."""
    text = PAGE.read_text()
    part = re.search(rf"<!-- {re.escape(start)} start -->(.*?)<!-- {re.escape(start)} end -->",
                     text, re.S)
    assert part, f"{PAGE.name} has no '<!-- {start} start/end -->' markers"
    blocks = re.findall(rf"```{language}\n(.*?)```", part.group(1), re.S)
    assert blocks, f"no ```{language} block between the {start} markers"
    return blocks


def _keys(node, prefix=""):
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else key
        yield path
        if isinstance(value, dict) and path not in FREE_FORM:
            yield from _keys(value, path)


def _fragment():
    config = yaml.safe_load(_block("z2jh config.yaml", "yaml")[0])
    assert isinstance(config, dict)
    return config


def test_config_fragment_uses_only_chart_keys():
    config = _fragment()
    unknown = sorted(set(_keys(config)) - Z2JH_KEYS)
    assert not unknown, f"keys not in Zero to JupyterHub {Z2JH_VERSION}'s values: {unknown}"
    single = config["singleuser"]
    assert isinstance(single["cpu"]["guarantee"], (int, float))
    assert single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert all(isinstance(v, str) for v in single["extraEnv"].values()), "env values are strings"
    assert single["image"]["name"] and isinstance(single["image"]["tag"], str)


def test_keys_outside_the_list_are_caught():
    # the check above is only worth something if it rejects what the chart would
    config = {"singleuser": {"memory": {"limits": "2G"}}, "hub": {"config": {"Any": {"x": 1}}}}
    assert sorted(set(_keys(config)) - Z2JH_KEYS) == ["singleuser.memory.limits"]


def test_link_on_the_page_is_what_the_command_prints(capsys):
    command, printed = _block("link example", "bash")[0], _block("link example", "text")[0]
    argv = shlex.split(command.replace("\\\n", " "))
    assert argv[:2] == ["python", "tools/nbgitpuller_link.py"]
    assert link_main(argv[2:]) == 0
    assert capsys.readouterr().out.strip() == printed.strip()


def test_poststart_pull_matches_the_link():
    printed = _block("link example", "text")[0].strip()
    query = {k: v[0] for k, v in parse_qs(urlsplit(printed).query).items()}
    command = _fragment()["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:2] == ["sh", "-c"]
    pull = shlex.split(command[2].split("||")[0])
    assert pull[0] == "gitpuller"
    repo, branch, folder = pull[1:4]
    assert (repo, branch) == (query["repo"], query["branch"])
    assert Path(folder).name == query["targetpath"]


def test_grading_job_runs_the_grader():
    job = yaml.safe_load(_block("grading job", "yaml")[0])
    assert (job["apiVersion"], job["kind"]) == ("batch/v1", "Job")
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed" and spec["parallelism"] <= spec["completions"]
    container = spec["template"]["spec"]["containers"][0]
    script = " ".join(container["args"])
    assert "python -m backprop.homework grade" in script and "--out" in script
    mounts = {m["name"] for m in container["volumeMounts"]}
    assert mounts == {v["name"] for v in spec["template"]["spec"]["volumes"]}


def test_colab_lines_on_the_page_are_the_generated_ones():
    shown = _block("colab lines", "python")[0]
    assert shown == colab_setup_lines("https://github.com/OWNER/NAME")
