"""{{ app.name }}: {{ app.description }}"""
