# Words every report uses.

raw = { $text }

# The words before each problem in the text report.
label-error = error
label-warning = warning
label-hint = hint
