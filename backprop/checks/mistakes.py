"""The classic mistakes, named once, so every check words them the same way.

A check never guesses: it computes what each mistake would have produced on the same
hidden inputs and names a mistake only when the learner's answer equals that result.
"""

MISSING_TRANSPOSE = "Looks like a missing transpose: {fix}."
MISSING_BATCH_SUM = ("Looks like a missing sum over the batch: {fix} (one value per output, "
                     "summed over the N rows).")
FORGOTTEN_1_OVER_N = ("Looks like a forgotten 1/N: the loss is a mean over the N examples, so "
                      "its gradient is divided by N.")
DOUBLE_1_OVER_N = ("Looks like 1/N applied twice: the upstream gradient already contains the "
                   "1/N of the mean loss, so {fix}.")
WRONG_SIGN = "Looks like a wrong sign: {fix}."
WRONG_VARIABLE = "Looks like a derivative taken at the wrong variable: {fix}."
OVERWRITTEN = ("Looks like a gradient that is overwritten instead of accumulated: {fix} "
               "(use +=, so every path adds its share).")
MISSING_PATH = ("Looks like a path is missing from the sum: {fix}. A variable used several "
                "times gets the sum of every path's share (the multivariable chain rule).")
FORGOT_UPSTREAM = ("Looks like you forgot the upstream gradient: by the chain rule, multiply "
                   "the local derivative by {upstream}.")
WRONG_AXIS = "Looks like the wrong axis: {fix}."
TRANSPOSED_RESULT = "The values are right but transposed: {fix}."
FACTOR = "It is {factor:.4g} times the right value: {fix}."
