# The copy desk's lints: each warning and its hint.
