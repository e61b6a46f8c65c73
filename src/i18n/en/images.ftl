# Pictures: reading, resizing, encoding.
