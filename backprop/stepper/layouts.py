"""Where the stepper's pictures put things, as plain data for a front end to draw.

- A `Value` graph: `graph.layout` (draw_graph's own layout): each value is a box of
  `box_width` x `box_height` centred on (x, y); the operation that made it is a circle
  of radius `op_radius` centred on (op_x, op_y); edge "v5.a" runs from the right of its
  input's box to that circle.
- An MLP: `diagrams.network_positions` (draw_network's own layout): neuron i of layer
  k at (x, y) = (k, (n_k - 1)/2 - i); edge "w<k>.<i>.<j>" from neuron i of layer k-1 to
  neuron j of layer k, with its weight.
Coordinates are data units, y up.
"""

import numpy as np

from ..diagrams import network_positions
from ..graph import BOX_HEIGHT, OP_RADIUS, operation_symbol


def value_layout(placed, root, ids, names):
    """graph.layout's positions, as plain data: a box per value, a circle per operation
    (op_x, op_y), an edge per input slot."""
    nodes, edges = [], []
    for node in placed.order:
        x, y = placed.position[node]
        entry = {"id": ids[node], "name": names[node], "label": node.label, "op": node._op,
                 "x": x, "y": y, "data": node.data, "grad": node.grad}
        if node._children:
            entry["op_x"], entry["op_y"] = placed.operation_center(node)
            entry["symbol"] = operation_symbol(node._op)
            edges += [{"id": f"{ids[node]}.{slot}", "from": ids[child], "to": ids[node],
                       "slot": slot} for slot, child in zip("ab", node._children)]
        nodes.append(entry)
    return {"kind": "value", "root": ids[root], "nodes": nodes, "edges": edges,
            "box_width": placed.box, "box_height": BOX_HEIGHT, "op_radius": OP_RADIUS,
            "xlim": list(placed.xlim), "ylim": list(placed.ylim)}


def mlp_layout(sizes, weights, names):
    """diagrams.network_positions, as plain data: neurons, weighted edges, layers."""
    positions = network_positions(sizes)
    nodes = [{"id": f"n{k}.{i}", "layer": k, "index": i, "x": float(x), "y": float(y)}
             for k, xy in enumerate(positions) for i, (x, y) in enumerate(xy)]
    edges = [{"id": f"w{k}.{i}.{j}", "from": f"n{k - 1}.{i}", "to": f"n{k}.{j}", "layer": k,
              "weight": float(W[i, j])}
             for k, W in enumerate(weights, 1) for i, j in np.ndindex(W.shape)]
    layers = [{"id": f"layer{k}", "name": names[k], "nodes": [f"n{k}.{i}" for i in range(n)]}
              for k, n in enumerate(sizes)]
    top = (max(sizes) - 1) / 2  # draw_network's extent
    return {"kind": "mlp", "sizes": sizes, "layers": layers, "nodes": nodes, "edges": edges,
            "xlim": [-0.45, len(sizes) - 0.55], "ylim": [-top - 0.6, top + 1.2]}
