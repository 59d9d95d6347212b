import { mount } from '../components/AppRoot';
import { CaptureDemo } from './capture/CaptureDemo';
import { ClerkApp } from './ClerkApp';
import { DocumentDemo } from './documents/DocumentDemo';
import './clerk.css';

const q = new URLSearchParams(location.search);
mount(q.has('capture-demo') ? <CaptureDemo /> : q.has('document-demo') ? <DocumentDemo /> : <ClerkApp />);
