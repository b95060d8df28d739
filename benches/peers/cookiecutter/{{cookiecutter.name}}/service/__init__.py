"""{{ cookiecutter.name }}: {{ cookiecutter.description }}"""
