"""The vault: keeps every record that arrives, encrypted, and turns it into clinical entries."""
