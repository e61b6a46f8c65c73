# Words every report uses.

# The words before each problem in the text report.
label-error = error
label-warning = warning
label-hint = hint

# A file could not be read or written: `io-error` names what was being done
# (`action`, one of the `io-…` actions of each part) and why (`reason`).
io-error = could not { $action }: { $reason }
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-storage-full = the disk is full
io-read-only = the disk is read-only
io-other = { $error }
io-read = read
io-write = write
io-copy = copy
io-create-folder = create the folder
