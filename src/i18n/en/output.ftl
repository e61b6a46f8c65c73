# Writing the output folder.
