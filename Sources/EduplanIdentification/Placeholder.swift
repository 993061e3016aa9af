// Placeholder: replaced by the identification work.
