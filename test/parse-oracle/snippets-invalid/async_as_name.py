x = 1
async = 1
