"""Generate the course's navigation, the index's course map and start link, the README's map.

    python tools/course.py          # rewrite the generated cells and README section
    python tools/course.py --check  # exit 1 (and say which) if anything is stale

One source of truth: each lesson's title is its first cell (`# NN. Title`); what it
covers and what to watch or read alongside it live in `LESSONS` below. Only markdown is
generated, so no notebook needs re-executing after a run of this script.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAV_MARKER = "<!-- nav -->"
MAP_START, MAP_END = "<!-- course map start -->", "<!-- course map end -->"
START_MARKER = "<!-- start here -->"  # an index cell that links the first lesson

# slug -> (what it covers, public lectures and notes that cover the same ground, by title)
CS231N = "https://cs231n.github.io/"  # the course notes, one page per topic
B1B = "https://www.3blue1brown.com/lessons/"  # one page per video, the video on top
LESSONS = {
    "01_derivatives_and_the_chain_rule": (
        "slopes, numerical derivatives, the chain rule as nudges, sum and product rules, the "
        "gradient, why backwards pays off (counted); **nudge explorer**",
        "3Blue1Brown, [*Visualizing the chain rule and product rule*]("
        + B1B + "chain-rule-and-product-rule) (Essence of calculus)"),
    "02_computational_graphs": (
        "build your own `Value` one operation at a time, then the package's; forward and "
        "backward on a drawn graph, routing, a node used twice; the wrong-order and `=` bugs; "
        "your engine trains a 2-4-1 network, and why gradients are zeroed; **stepper**",
        "Andrej Karpathy, [*The spelled-out intro to neural networks and backpropagation: "
        "building micrograd*](https://www.youtube.com/watch?v=VMj-3S1tku0); read CS231n, "
        "[*Backpropagation, intuitions*](" + CS231N + "optimization-2/)"),
    "03_a_single_neuron": (
        "weighted sum, bias, activation; its gradients by hand and by the engine; why a "
        "confidently wrong neuron learns slowly; **neuron explorer**, **training-step "
        "explorer**, **stepper**",
        "3Blue1Brown, [*But what is a neural network?*](" + B1B + "neural-networks) "
        "(Deep learning, chapter 1)"),
    "04_gradient_descent_and_the_learning_rate": (
        "the update rule; too small crawls, too large diverges (the limit 2/a); when to stop; a "
        "mini-batch learning-rate finder; **learning-rate explorer**, **playground**",
        "3Blue1Brown, [*Gradient descent, how neural networks learn*](" + B1B + "gradient-descent) "
        "(chapter 2)"),
    "05_the_forward_pass_and_the_loss": (
        "layers in matrix form; MSE, cross-entropy as negative log-likelihood, softmax; "
        "p - y; one pipeline checked, the log K start, the same network trained on XOR, its "
        "hidden lines drawn as they move; **softmax explorer**",
        "[StatQuest](https://www.youtube.com/@statquest), *Neural Networks Part 5: ArgMax and "
        "SoftMax* and *Part 6: Cross Entropy*"),
    "06_backprop_in_matrix_form": (
        "the four equations from the chain rule, gradient checks and bug fingerprints, both engines "
        "agree; **stepper** through an MLP",
        "3Blue1Brown, [*What is backpropagation really doing?*](" + B1B + "backpropagation) and "
        "[*Backpropagation calculus*](" + B1B + "backpropagation-calculus) (chapters 3-4); read "
        "Michael Nielsen, [*How the backpropagation algorithm works*]"
        "(http://neuralnetworksanddeeplearning.com/chap2.html) (chapter 2, the four equations)"),
    "07_activation_functions": (
        "why non-linearity, derivatives, vanishing gradients (traced to f', weights and "
        "inputs), dead ReLUs, Glorot vs He, which activation in practice; **playground**",
        "Andrej Karpathy, [*Building makemore Part 3: Activations & Gradients, BatchNorm*]"
        "(https://www.youtube.com/watch?v=P6sfmUTpUmc)"),
    "08_training_an_mlp": (
        "the training loop; batch, mini-batch and stochastic gradient descent, each at its best "
        "learning rate; hidden units forming; sanity checks; **playground**",
        "Andrej Karpathy, [micrograd lecture](https://www.youtube.com/watch?v=VMj-3S1tku0) (the "
        "training loop part) and [*A recipe for training neural networks*]"
        "(https://karpathy.github.io/2019/04/25/recipe/); Andrew Ng, *Mini Batch Gradient "
        "Descent (C2W2L01)* in "
        "[*Improving Deep Neural Networks*](https://www.coursera.org/learn/deep-neural-network); "
        "read CS231n, [*Neural networks part 3*](" + CS231N + "neural-networks-3/) (babysitting "
        "the learning process)"),
    "09_optimizers": (
        "momentum as a heavy ball, its trade-off read from its roots; RMSprop, Adam; valleys and "
        "a spiral MLP; "
        "**momentum explorer**",
        "Andrew Ng, *Gradient Descent With Momentum (C2W2L06)*, *RMSProp (C2W2L07)*, "
        "*Adam Optimization Algorithm (C2W2L08)* in "
        "[*Improving Deep Neural Networks*](https://www.coursera.org/learn/deep-neural-network); "
        "read CS231n, [*Neural networks part 3*](" + CS231N + "neural-networks-3/) (parameter "
        "updates)"),
    "10_overfitting_and_regularization": (
        "train, validation and test; more data; early stopping that keeps the best weights; "
        "L1 and L2 and their gradients; dropout built by hand; choosing λ on validation; "
        "reading train against validation loss; "
        "**regularization explorer**, **playground**",
        "Andrew Ng, *Regularization (C2W1L04)* and *Why Regularization Reduces "
        "Overfitting (C2W1L05)* in "
        "[*Improving Deep Neural Networks*](https://www.coursera.org/learn/deep-neural-network)"),
    "11_handwritten_digits": (
        "real digits end to end with a validation set; baselines tuned the same way (the "
        "neighbours' k too); weights as images; a mini-batch's dW1 as a sum of digits, and W1 "
        "learning; one digit through the network; "
        "dL/dX as a saliency map, the pixels that would change the answer; **digit explorer**; "
        "confusion matrix",
        "3Blue1Brown, [*But what is a neural network?*](" + B1B + "neural-networks) "
        "(the digits example, chapter 1)"),
}


def lessons():
    """[(slug, number, title)] for every lesson notebook present, in reading order."""
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        if path.stem.startswith("00_"):
            continue
        cells = nbformat.read(path, as_version=4).cells
        first = "".join(cells[0]["source"]).strip()
        match = re.fullmatch(r"# (\d\d)\. (.+)", first.splitlines()[0])
        if not match:
            raise SystemExit(f"{path.name}: the first cell must start with '# NN. Title'.")
        found.append((path.stem, match.group(1), match.group(2)))
    return found


def companions(number):
    """The optional companion notebooks of lesson `number` (notebooks/further/NN_*.ipynb)."""
    return sorted((NOTEBOOKS / "further").glob(f"{number}_*.ipynb"))


def navigation(course, i):
    parts = []
    if i > 0:
        slug, number, title = course[i - 1]
        parts.append(f"[← {number}. {title}]({slug}.ipynb)")
    parts.append("[Contents](00_index.ipynb)")
    if i + 1 < len(course):
        slug, number, title = course[i + 1]
        parts.append(f"[{number}. {title} →]({slug}.ipynb)")
    return f"{NAV_MARKER}\n" + " | ".join(parts)


def course_map(course, link_prefix):
    rows = ["| # | lesson | what you do | homework | watch or read alongside |",
            "|---|---|---|---|---|"]
    for slug, number, title in course:
        covers, watch = LESSONS.get(slug, ("", ""))
        homework = ROOT / "exercises" / "student" / f"{slug}.ipynb"
        hw = (f"[homework]({link_prefix}../exercises/student/{slug}.ipynb)"
              if homework.exists() else "")
        if link_prefix == "":  # README at the repository root
            hw = hw.replace("(../exercises", "(exercises")
            lesson = f"[{title}](notebooks/{slug}.ipynb)"
        else:
            lesson = f"[{title}]({slug}.ipynb)"
        for companion in companions(number):
            folder = "notebooks/further" if link_prefix == "" else "further"
            lesson += f"<br>*optional:* [going further]({folder}/{companion.name})"
        rows.append(f"| {number} | {lesson} | {covers} | {hw} | {watch} |")
    return "\n".join(rows)


def start_here(course):
    """The index's way in: a bold link to the first lesson."""
    slug, number, title = course[0]
    return f"{START_MARKER}\n**Start here: [{number}. {title} →]({slug}.ipynb)**"


def _set_source(cell, text):
    cell["source"] = text


def _replace_between(text, new_block):
    start, end = text.index(MAP_START) + len(MAP_START), text.index(MAP_END)
    return text[:start] + "\n" + new_block + "\n" + text[end:]


def generated_files(course):
    """{path: new text} for every file this script writes."""
    out = {}
    for i, (slug, _, _) in enumerate(course):
        path = NOTEBOOKS / f"{slug}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nav_cells = [c for c in nb["cells"] if "".join(c["source"]).startswith(NAV_MARKER)]
        if len(nav_cells) != 1:
            raise SystemExit(f"{path.name}: needs exactly one markdown cell starting with "
                             f"{NAV_MARKER} (the second cell).")
        _set_source(nav_cells[0], navigation(course, i))
        out[path] = nbformat.writes(nb) + "\n"
    index = NOTEBOOKS / "00_index.ipynb"
    nb = nbformat.read(index, as_version=4)
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if MAP_START in source:
            _set_source(cell, _replace_between(source, course_map(course, "")
                                               .replace("(notebooks/", "(")
                                               .replace("(exercises/", "(../exercises/")))
        elif source.startswith(START_MARKER):
            _set_source(cell, start_here(course))
    out[index] = nbformat.writes(nb) + "\n"
    readme = ROOT / "README.md"
    out[readme] = _replace_between(readme.read_text(), course_map(course, ""))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args()
    stale = [p for p, text in generated_files(lessons()).items() if p.read_text() != text]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python tools/course.py)")
        sys.exit(1 if stale else 0)
    for path, text in generated_files(lessons()).items():
        if path in stale:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
