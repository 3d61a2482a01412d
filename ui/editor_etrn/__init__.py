"""The ЭТрН editor: title 1 of the транспортная накладная, filled from the directories."""
