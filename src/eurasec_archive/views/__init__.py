"""Blueprints, one per page type; each is a thin shell over the domain modules."""
