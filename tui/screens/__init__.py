"""Screens: the main explorer, help and the error screen."""
