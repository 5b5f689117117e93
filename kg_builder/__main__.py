from kg_builder.cli import app

app()
