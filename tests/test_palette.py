"""The course palette is readable with every kind of colour vision.

Colour difference: CIEDE2000 (Sharma, Wu and Dalal 2005, "The CIEDE2000 color-difference
formula: implementation notes, supplementary test data, and mathematical observations"),
written out below from CIELab with k_L = k_C = k_H = 1:

    C*_i = sqrt(a_i^2 + b_i^2),  G = (1 - sqrt(Cbar^7 / (Cbar^7 + 25^7))) / 2  (Cbar: mean C*)
    a'_i = (1 + G) a_i,  C'_i = sqrt(a'_i^2 + b_i^2),  h'_i = atan2(b_i, a'_i) in [0, 360)
    dL' = L_2 - L_1,  dC' = C'_2 - C'_1,  dH' = 2 sqrt(C'_1 C'_2) sin(dh'/2)
    (dh' = h'_2 - h'_1 taken into (-180, 180], and 0 if a chroma is 0)
    S_L = 1 + 0.015 (Lbar' - 50)^2 / sqrt(20 + (Lbar' - 50)^2),  S_C = 1 + 0.045 Cbar',
    S_H = 1 + 0.015 Cbar' T,  T = 1 - 0.17 cos(hbar' - 30) + 0.24 cos(2 hbar')
                                  + 0.32 cos(3 hbar' + 6) - 0.20 cos(4 hbar' - 63)
    R_T = -2 sqrt(Cbar'^7 / (Cbar'^7 + 25^7)) sin(60 exp(-((hbar' - 275) / 25)^2))
    dE00 = sqrt((dL'/S_L)^2 + (dC'/S_C)^2 + (dH'/S_H)^2 + R_T (dC'/S_C) (dH'/S_H))

Simulation: Machado, Oliveira and Fernandes 2009 at severity 100 (deuteranopia, protanopia,
tritanopia), as colorspacious implements it. The simulated sRGB is clipped to [0, 1]
because that is what a screen can show.
"""

import re

import numpy as np
import pytest
from colorspacious import cspace_convert
from matplotlib.colors import to_hex, to_rgb

from backprop import colors, plots

VIEWS = ("normal", "deuteranomaly", "protanomaly", "tritanomaly")


def ciede2000(lab1, lab2):
    """CIEDE2000 difference between CIELab colours (..., 3); broadcasts like numpy."""
    L1, a1, b1 = np.moveaxis(np.asarray(lab1, dtype=float), -1, 0)
    L2, a2, b2 = np.moveaxis(np.asarray(lab2, dtype=float), -1, 0)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    achromatic = c1p * c2p == 0  # a grey has no hue: its hue terms drop out
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(achromatic, 0.0, dh)
    dL, dC = L2 - L1, c2p - c1p
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)
    L_mean, cp_mean, h_sum = (L1 + L2) / 2, (c1p + c2p) / 2, h1p + h2p
    # The mean hue goes the short way round the circle (e.g. 350 and 10 average to 0).
    h_mean = np.where(np.abs(h1p - h2p) <= 180, h_sum / 2,
                      np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2))
    h_mean = np.where(achromatic, h_sum, h_mean)
    T = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    s_l = 1 + 0.015 * (L_mean - 50) ** 2 / np.sqrt(20 + (L_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * T
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c  # the blue-region rotation term
    return np.sqrt((dL / s_l) ** 2 + (dC / s_c) ** 2 + (dH / s_h) ** 2
                   + r_t * (dC / s_c) * (dH / s_h))


def to_lab(color, view):
    """CIELab of a matplotlib colour as seen with `view` (one of VIEWS)."""
    rgb = np.array(to_rgb(color))
    if view != "normal":
        simulated = cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": view, "severity": 100},
                                   "sRGB1")
        rgb = np.clip(simulated, 0, 1)
    return cspace_convert(rgb, "sRGB1", "CIELab")


def distances(color1, color2):
    """{view: CIEDE2000 between the two colours as that view sees them}."""
    return {view: float(ciede2000(to_lab(color1, view), to_lab(color2, view))) for view in VIEWS}


def too_close(pairs, limit):
    """[(pair name, view, distance)] for every pair closer than `limit` in some view."""
    return [(name, view, d) for name, (c1, c2) in pairs.items()
            for view, d in distances(c1, c2).items() if d < limit]


def all_pairs(series):
    return {f"SERIES[{i}]/SERIES[{j}]": (series[i], series[j])
            for i in range(len(series)) for j in range(i + 1, len(series))}


def _table(pairs):
    return "; ".join(f"{name}: " + ", ".join(f"{v} {d:.1f}" for v, d in distances(*p).items())
                     for name, p in pairs.items())


# Sharma et al. 2005, Table 1: (Lab 1, Lab 2, dE00). Chosen to exercise each branch: the
# blue region (R_T), hue differences just under and over 180 degrees, a neutral colour.
SHARMA_PAIRS = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),   # pair 1
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),   # pair 2
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),  # pair 4
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),               # pair 7: a neutral colour
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),       # pair 13: dh just < 180
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),       # pair 15: dh just > 180
    ((50.0, -0.001, 2.49), (50.0, 0.0009, -2.49), 4.8045),       # pair 17
    ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),               # pair 20
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),            # pair 21: lightness too
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),            # pair 23
]


@pytest.mark.parametrize("lab1, lab2, expected", SHARMA_PAIRS)
def test_ciede2000_matches_sharma_2005(lab1, lab2, expected):
    assert float(ciede2000(lab1, lab2)) == pytest.approx(expected, abs=5e-5)
    assert float(ciede2000(lab2, lab1)) == pytest.approx(expected, abs=5e-5)  # symmetric


def test_ciede2000_is_zero_for_equal_colours_and_vectorised():
    labs = np.array([p[0] for p in SHARMA_PAIRS])
    assert np.allclose(ciede2000(labs, labs), 0.0)
    many = ciede2000(labs, np.array([p[1] for p in SHARMA_PAIRS]))
    assert np.allclose(many, [p[2] for p in SHARMA_PAIRS], atol=5e-5)


def test_the_simulation_changes_colours():
    # If colorspacious ignored the deficiency, every check below would pass vacuously:
    # pure red and green must move a lot under deuteranopia, and stay put with normal vision.
    for color in ("#ff0000", "#00ff00"):
        moved = float(ciede2000(to_lab(color, "normal"), to_lab(color, "deuteranomaly")))
        assert moved > 20, f"{color} moved only {moved:.1f} under simulated deuteranopia"
    assert distances("#ff0000", "#ff0000")["normal"] == 0.0


@pytest.mark.parametrize("name", list(colors.PAIRS))
def test_fixed_meaning_pairs_are_apart_in_every_view(name):
    pair = colors.PAIRS[name]
    measured = distances(*pair)
    worst = min(measured, key=measured.get)
    assert measured[worst] >= colors.PAIR_LIMIT, (
        f"{name} {pair}: CIEDE2000 minimum {measured[worst]:.1f} ({worst}) < "
        f"{colors.PAIR_LIMIT:g}; all views: {_table({name: pair})}")


@pytest.mark.parametrize("view", VIEWS)
def test_series_colours_are_apart_in_every_view(view):
    pairs = all_pairs(colors.SERIES)
    measured = {name: distances(*p)[view] for name, p in pairs.items()}
    worst = min(measured, key=measured.get)
    assert measured[worst] >= colors.SERIES_LIMIT, (
        f"{view}: closest runs {worst} {pairs[worst]}: CIEDE2000 minimum "
        f"{measured[worst]:.1f} < {colors.SERIES_LIMIT:g}")


def test_the_check_fails_on_the_old_green_and_red():
    # The pair this palette replaced: the check must name it, with the number the issue quotes.
    failures = too_close({"old forward/gradient": ("#2f855a", "#c53030")}, colors.PAIR_LIMIT)
    by_view = {view: d for _, view, d in failures}
    assert set(by_view) == {"deuteranomaly", "protanomaly"}, failures
    assert by_view["deuteranomaly"] == pytest.approx(12.9, abs=0.1)
    # and the old runs' colours, two of which merge under every simulation
    old_series = ("#2c7a7b", "#b7791f", "#b83280", "#7b341e", "#5a67d8", "#718096")
    assert too_close(all_pairs(old_series), colors.SERIES_LIMIT)


def test_the_check_passes_the_new_palette():
    assert too_close(colors.PAIRS, colors.PAIR_LIMIT) == []
    assert too_close(all_pairs(colors.SERIES), colors.SERIES_LIMIT) == []


def _exposed_colours():
    found = {}
    for name in dir(colors):
        value = getattr(colors, name)
        if name.isupper() and isinstance(value, str):
            found[name] = value
        elif name.isupper() and isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            if name not in ("SERIES_LINESTYLES", "SERIES_MARKERS"):
                found.update({f"{name}[{i}]": v for i, v in enumerate(value)})
    found.update({f"SERIES_STYLES[{i}]": s["color"] for i, s in enumerate(colors.SERIES_STYLES)})
    found.update({f"PAIRS[{k!r}][{i}]": c for k, p in colors.PAIRS.items() for i, c in enumerate(p)})
    return found


def test_every_colour_is_a_lowercase_six_digit_hex():
    # Lowercase: matplotlib's to_hex returns lowercase, and tests compare with these strings.
    found = _exposed_colours()
    assert len(found) >= 20, sorted(found)
    bad = {name: c for name, c in found.items() if not re.fullmatch(r"#[0-9a-f]{6}", c)}
    assert not bad, f"not '#rrggbb' in lowercase: {bad}"


def test_colours_keep_their_meanings():
    assert colors.CLASS_COLORS == (colors.NEGATIVE, colors.POSITIVE)
    assert len(set(colors.SERIES)) == len(colors.SERIES)
    assert not set(colors.SERIES) & {colors.FORWARD, colors.GRADIENT, colors.NEGATIVE,
                                     colors.POSITIVE, colors.TRAIN, colors.TEST, colors.NEUTRAL}


def test_plots_re_exports_the_palette():
    for name in ("FORWARD", "GRADIENT", "NEGATIVE", "POSITIVE", "CLASS_COLORS", "TRAIN", "TEST",
                 "NEUTRAL", "SERIES", "SERIES_STYLES", "series_style"):
        assert getattr(plots, name) is getattr(colors, name), name
    low, middle, high = colors.DIVERGING_COLORS
    assert [to_hex(plots.DIVERGING(0.0)), to_hex(plots.DIVERGING(1.0))] == [low, high]
    # 0.5 falls between two of the map's 256 entries: equal to a level or two in 255
    assert np.allclose(plots.DIVERGING(0.5)[:3], to_rgb(middle), atol=2 / 255)


def test_each_run_has_its_own_colour_line_style_and_marker():
    styles = [plots.series_style(i) for i in range(len(colors.SERIES))]
    assert [s["color"] for s in styles] == list(colors.SERIES)
    for key in ("linestyle", "marker"):
        values = [str(s[key]) for s in styles]
        assert len(set(values)) == len(values), f"two runs share a {key}: {values}"
    styles[0]["color"] = "#000000"  # a copy: changing it leaves the palette alone
    assert plots.series_style(0)["color"] == colors.SERIES[0]
    assert plots.series_style(np.int64(2)) == plots.series_style(2)


def test_the_styles_draw(tmp_path):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    lines = [ax.plot([0, 1], [i, i + 1], **plots.series_style(i))[0] for i in range(len(colors.SERIES))]
    assert [to_hex(line.get_color()) for line in lines] == list(colors.SERIES)
    assert [line.get_marker() for line in lines] == list(colors.SERIES_MARKERS)
    plt.close(fig)


@pytest.mark.parametrize("bad, error, words", [
    (len(colors.SERIES), ValueError, "out of range"), (-1, ValueError, "out of range"),
    (1.0, TypeError, "integer"), ("1", TypeError, "integer")])
def test_series_style_rejects_bad_indices(bad, error, words):
    with pytest.raises(error, match=words):
        plots.series_style(bad)
