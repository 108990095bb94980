"""The review workspace: declarations, materials, scoring, defense notes, opinion."""
