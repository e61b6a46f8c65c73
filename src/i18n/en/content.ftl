# Articles: finding, reading, checking and linking them.
