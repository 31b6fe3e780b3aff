import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from backprop import MLP  # noqa: E402
from backprop.classifier_diagram import draw_classifier, layer_superscript  # noqa: E402


def test_layer_superscript_rewrites_only_weight_labels():
    assert layer_superscript("$W_2$ (3, 2)") == "$W^{[2]}$ (3, 2)"
    assert layer_superscript("$W_1$") == "$W^{[1]}$"
    assert layer_superscript("$x_1$") == "$x_1$"


def test_draw_classifier_numbers_outputs_by_class_and_uses_superscripts():
    fig, ax = plt.subplots()
    net = draw_classifier(MLP([2, 3, 2], seed=0), ax)
    assert [t.get_text() for t in net.texts[-1]] == ["0", "1"]
    texts = [t.get_text() for t in ax.texts]
    assert "$W^{[1]}$ (2, 3)" in texts and "$W^{[2]}$ (3, 2)" in texts
    assert not any(t.startswith("$W_") for t in texts)
    assert sum("logit of\nclass" in t for t in texts) == 2
    plt.close(fig)
