"""What the template's tests and its benchmark both drive: the template's options, Docker images and containers."""
