"""The drawing of a classifier network in lesson 05's notation.

`draw_classifier(model, ax)` draws `diagrams.draw_network` for an MLP whose last layer gives
the logits, then relabels it as the lesson writes it:

- the output nodes are numbered by class, 0 to K - 1 (classes are labels and count from 0,
  as numpy's indices do), each with "logit of class k" beside it;
- the weight matrices carry the layer as a bracketed superscript, $W^{[l]}$ (in, out),
  rather than the diagram's default subscript $W_l$.

It returns the `NetworkDiagram` of `draw_network`, with the texts changed."""

from . import diagrams


def layer_superscript(label):
    """'$W_2$ (3, 2)' -> '$W^{[2]}$ (3, 2)'; any other text unchanged."""
    if not label.startswith("$W_"):
        return label
    layer, _, rest = label[len("$W_"):].partition("$")
    return "$W^{[" + layer + "]}$" + rest


def draw_classifier(model, ax, symbols=("x", "a", "z")):
    """Draw `model` (an MLP, logits last) on `ax` with class-numbered outputs and W^[l] labels."""
    net = diagrams.draw_network(model.sizes, weights=model, ax=ax, symbols=list(symbols))
    for k, (label, centre) in enumerate(zip(net.texts[-1], net.positions[-1])):
        label.set_text(f"{k}")
        ax.text(centre[0] + 0.3, centre[1], f"logit of\nclass {k}", va="center", fontsize=12)
    for text in ax.texts:
        text.set_text(layer_superscript(text.get_text()))
    return net


__all__ = ["draw_classifier", "layer_superscript"]
