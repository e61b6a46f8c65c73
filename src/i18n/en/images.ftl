# Pictures: reading, resizing, encoding.

# Why a picture cannot be published; `reason` is a message of its own.
image-missing = the picture { $path } does not exist
image-unreadable = could not read the picture { $path }: { $reason }
image-corrupt = the picture { $path } is not a picture jianbao can read ({ $reason })
image-cache = could not write to the picture cache { $path }: { $reason }

# Reasons. `error` is the picture library's own text.
image-unknown-format = unknown format; use JPEG, PNG, GIF or WebP
image-library-error = { $error }
image-cache-unreadable = the entry just written cannot be read back
