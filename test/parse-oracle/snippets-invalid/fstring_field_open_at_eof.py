cmd = f'''
    def foo():
        {call
