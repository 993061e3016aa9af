// Placeholder: replaced by the evaluation work.
